using AssetLedger.Core.Periods;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.BudgetOverrun;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.BudgetOverrun;

public class BudgetOverrunTests
{
    private static async Task<IReadOnlyList<Alert>> BudgetAlertsAsync(TestLedger ledger) =>
        (await ledger.RunRulesAsync()).Raised.Where(a => a.RuleId == "BUDGET_OVERRUN").ToList();

    [Fact]
    public async Task Warns_at_ninety_percent_not_one_fen_below_then_flags_the_overrun_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n513,4000\n");

        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 3_599.99m), Cr("102", 3_599.99m));
        var below = await BudgetAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 0.01m), Cr("102", 0.01m));
        var warned = await BudgetAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-07", Dr("513", 100m), Cr("102", 100m));
        var stillWarned = await BudgetAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-04-01", Dr("513", 300.01m), Cr("102", 300.01m));
        var over = await BudgetAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-04-02", Dr("513", 10m), Cr("102", 10m));
        var stillOver = await BudgetAlertsAsync(ledger);

        below.Should().BeEmpty();
        warned.Should().ContainSingle().Which.Severity.Should().Be(Severity.Warning);
        warned[0].Explanation.Should().Contain("管理费用").And.Contain("90%");
        stillWarned.Should().BeEmpty("the warning for the year was raised already");
        over.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Severity == Severity.Serious && a.Amount == 4_000_01);
        over[0].Explanation.Should().Contain("超支0.01元");
        stillOver.Should().BeEmpty();
    }

    [Fact]
    public async Task Income_over_budget_is_no_alert_and_a_village_can_lower_the_warning_ratio()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n501,1000\n513,1000\n");
        (await ledger.SetRuleAsync("V1", "BUDGET_OVERRUN", "warn_ratio", 0.5m)).ShouldSucceed();

        await ledger.PostAsync("V1", "2024-03-05", Dr("102", 3_000), Cr("501", 3_000));
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 500), Cr("102", 500));
        var alerts = await BudgetAlertsAsync(ledger);

        alerts.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Severity == Severity.Warning && a.Amount == 500_00);
        alerts[0].Parameters.Should().Contain("\"warn_ratio\":0.5");
    }

    [Fact]
    public void Facts_an_expense_at_the_warning_ratio_warns_over_its_budget_is_serious_and_income_is_never_an_overrun()
    {
        var june = AccountingPeriod.Parse("2024-06").ShouldSucceed();
        var facts = Given.On("2024-06-30").With(BudgetExecutionFacts.Source, new BudgetFacts(june,
        [
            new BudgetExecution("V1", 1, "513", "管理费用", IsExpense: true, Budget: 10_000, Actual: 8_999),
            new BudgetExecution("V1", 2, "514", "公益支出", IsExpense: true, Budget: 10_000, Actual: 9_000),
            new BudgetExecution("V1", 3, "511", "经营支出", IsExpense: true, Budget: 10_000, Actual: 10_001),
            new BudgetExecution("V1", 4, "501", "经营收入", IsExpense: false, Budget: 10_000, Actual: 50_000),
        ]));

        var found = new BudgetOverrunRule().Evaluate(facts);

        found.Select(f => (f.SubjectKey, f.Severity)).Should().Equal(("budget:2", Severity.Warning), ("budget:3", Severity.Serious));
    }
}
