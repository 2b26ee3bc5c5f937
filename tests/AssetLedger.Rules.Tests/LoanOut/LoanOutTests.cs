using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.LoanOut;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.LoanOut;

public class LoanOutTests
{
    [Fact]
    public async Task Money_paid_into_a_receivable_from_an_outside_party_is_a_loan_out_and_a_sale_on_credit_or_a_members_advance_is_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 3_000, "邻村合作社"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("112", 8_000, "李四建材"), Cr("501", 8_000));
        await ledger.PostAsync("V1", "2024-03-07", Dr("113", 500, "张三"), Cr("101", 500));

        var run = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        var loan = run.Raised.Should().ContainSingle(a => a.RuleId == "LOAN_OUT").Which;
        loan.Should().Match<Alert>(a => a.Amount == 3_000_00 && a.Severity == Severity.Serious);
        loan.Explanation.Should().Contain("应收款—邻村合作社").And.Contain("不得对外出借");
    }

    [Fact]
    public async Task A_township_threshold_lets_small_deposits_pass_and_a_reversal_resolves_the_alert()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.SetRuleAsync("T1", "LOAN_OUT", "threshold", 1_000)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 999.99m, "电力公司"), Cr("101", 999.99m));
        await ledger.PostAsync("V1", "2024-03-06", Dr("112", 1_000, "邻村合作社"), Cr("102", 1_000));
        var raised = (await ledger.RunRulesAsync()).Raised.Where(a => a.RuleId == "LOAN_OUT").ToList();

        await ledger.ReverseAsync("V1", "记-0002", "2024-03-20");
        var reversal = await ledger.RunRulesAsync();

        raised.Should().ContainSingle().Which.Amount.Should().Be(1_000_00, "999.99 is under the township's threshold");
        reversal.Resolved.Should().Be(1);
    }

    [Fact]
    public void Facts_cash_paid_into_a_receivable_is_a_loan_and_a_receivable_without_cash_is_not()
    {
        var facts = Given.On("2024-03-31",
            Given.Voucher(1, "2024-03-05", Given.Dr("112", 3_000, "张三"), Given.Cr("101", 3_000)),
            Given.Voucher(2, "2024-03-06", Given.Dr("112", 9_000, "李四"), Given.Cr("501", 9_000)));

        var found = new LoanOutRule().Evaluate(facts, ("threshold", 0));

        found.Should().ContainSingle().Which.SubjectKey.Should().Be("voucher:1");
    }
}
