using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.CashOverLimit;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.CashOverLimit;

public class CashOverLimitTests
{
    [Fact]
    public async Task Cash_over_the_limit_at_the_end_of_a_day_fires_and_exactly_the_limit_does_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 5_000), Cr("504", 5_000));
        (await ledger.RunRulesAsync()).Raised.Should().NotContain(a => a.RuleId == "CASH_OVER_LIMIT", "exactly the limit is allowed");

        await ledger.PostAsync("V1", "2024-03-06", Dr("101", 0.01m), Cr("504", 0.01m));
        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Should().Match<Alert>(a => a.RuleId == "CASH_OVER_LIMIT" && a.Amount == 5_000_01 && a.Window == "2024-03-06");
    }

    [Fact]
    public async Task Cash_at_the_end_of_each_touched_day_carries_each_months_opening_across_runs()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 4_000), Cr("504", 4_000));
        await ledger.RunRulesAsync();

        await ledger.PostAsync("V1", "2024-04-01", Dr("101", 2_500), Cr("504", 2_500));
        await ledger.PostAsync("V1", "2024-03-31", Dr("513", 1_000), Cr("101", 1_000));
        var run = await ledger.RunRulesAsync();

        var cash = run.Raised.Where(a => a.RuleId == "CASH_OVER_LIMIT").ToList();
        cash.Should().ContainSingle("3,000 at the end of March is under the limit").Which.Should()
            .Match<Alert>(a => a.OccurredOn == new DateOnly(2024, 4, 1) && a.Amount == 5_500_00, "April opens with March's 3,000 and adds 2,500");
    }

    [Fact]
    public async Task Negative_cash_is_serious()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 30), Cr("101", 30));

        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle().Which.Severity.Should().Be(Severity.Serious);
    }

    [Fact]
    public void Facts_each_day_over_the_limit_is_a_warning_and_below_zero_is_serious()
    {
        var facts = Given.On("2024-03-31").With(CashDays.Source,
            [new CashDay(Given.Day("2024-03-05"), Given.Fen(5_000)), new CashDay(Given.Day("2024-03-06"), Given.Fen(5_000.01m)), new CashDay(Given.Day("2024-03-07"), -1)]);

        var found = new CashOverLimitRule().Evaluate(facts);

        found.Select(f => (f.Window, f.Severity)).Should().Equal(("2024-03-06", Severity.Warning), ("2024-03-07", Severity.Serious));
    }
}
