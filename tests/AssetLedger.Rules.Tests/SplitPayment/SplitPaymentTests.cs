using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.SplitPayment;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.SplitPayment;

public class SplitPaymentTests
{
    private static async Task<IReadOnlyList<Alert>> SplitAlertsAsync(TestLedger ledger) =>
        (await ledger.RunRulesAsync()).Raised.Where(a => a.RuleId == "SPLIT_PAYMENT").ToList();

    [Fact]
    public async Task Payments_under_the_threshold_that_together_reach_it_within_the_days_raise_one_alert()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-01", Dr("511", 2_000, "李四建材"), Cr("102", 2_000));
        await ledger.PostAsync("V1", "2024-03-10", Dr("511", 2_999.99m, "李四建材"), Cr("102", 2_999.99m));
        var below = await SplitAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-20", Dr("511", 0.01m, "李四建材"), Cr("102", 0.01m));
        var crossed = await SplitAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-25", Dr("511", 1_000, "李四建材"), Cr("102", 1_000));
        var later = await SplitAlertsAsync(ledger);

        below.Should().BeEmpty("4,999.99 is one fen short");
        crossed.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Amount == 5_000_00 && a.Severity == Severity.Warning);
        crossed[0].Explanation.Should().Contain("李四建材").And.Contain("3笔").And.Contain("2024-03/记-0003");
        crossed[0].Evidence.Should().Contain("2024-03/记-0001", "the earlier payments, read in earlier runs, are the evidence too");
        later.Should().BeEmpty("the stretch already raised its alert");
    }

    [Fact]
    public async Task Payments_apart_by_more_than_the_days_large_payments_reversed_ones_and_other_payees_do_not_add_up()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.SetRuleAsync("V1", "SPLIT_PAYMENT", "days", 10)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-01", Dr("511", 3_000, "李四建材"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-11", Dr("511", 3_000, "李四建材"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-12", Dr("511", 6_000, "李四建材"), Cr("102", 6_000));
        await ledger.PostAsync("V1", "2024-03-13", Dr("511", 1_500, "李四建材"), Cr("102", 1_500));
        await ledger.ReverseAsync("V1", "记-0004", "2024-03-14");
        await ledger.PostAsync("V1", "2024-03-15", Dr("511", 3_000, "王五农资"), Cr("102", 3_000));

        (await SplitAlertsAsync(ledger)).Should().BeEmpty();

        await ledger.PostAsync("V1", "2024-03-16", Dr("511", 2_000, "李四建材"), Cr("102", 2_000));
        (await SplitAlertsAsync(ledger)).Should().ContainSingle().Which.Amount.Should().Be(5_000_00, "3,000 on the 11th and 2,000 on the 16th");
    }

    [Fact]
    public void Facts_the_payment_that_brings_a_stretch_to_the_threshold_raises_it_and_a_reversed_one_does_not_count()
    {
        var facts = Given.On("2024-03-31",
                Given.Voucher(3, "2024-03-20", Given.Dr("513", 2_000, "城关建材"), Given.Cr("102", 2_000, "城关建材")))
            .With(EarlierPayments.Source, new SplitPaymentFacts(
                [new(1, "2024-03/记-0001", Given.Day("2024-03-01"), "城关建材", Given.Fen(4_000)), new(2, "2024-03/记-0002", Given.Day("2024-03-10"), "城关建材", Given.Fen(2_000))],
                new HashSet<long> { 2 }));

        var found = new SplitPaymentRule().Evaluate(facts);

        found.Should().ContainSingle().Which.Should().Match<Finding>(f => f.Amount == Given.Fen(6_000) && f.Window == "voucher:3");
    }
}
