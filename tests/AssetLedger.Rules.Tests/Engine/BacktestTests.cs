using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.Engine;

public class BacktestTests
{
    [Fact]
    public async Task A_backtest_shows_what_proposed_parameters_would_have_raised_in_the_range_and_saves_nothing()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-02-28", Dr("513", 9_000), Cr("102", 9_000));
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 6_000), Cr("102", 6_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.PostAsync("V1", "2024-04-01", Dr("513", 9_000), Cr("102", 9_000));

        var result = await ledger.RunAsync<RuleBacktest, Outcome<IReadOnlyList<BacktestFinding>>>(e => e.RunAsync(
            Township, "LARGE_TXN", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), new Dictionary<string, decimal> { ["tier1"] = 8_000 }));

        result.ShouldSucceed().Should().ContainSingle().Which.Should().Match<BacktestFinding>(f => f.OrgCode == "V1" && f.Finding.Amount == 8_000_00);
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(0);
        (await ledger.RunRulesAsync()).Raised.Count(a => a.RuleId == "LARGE_TXN").Should().Be(4, "the run still reads everything, with the parameters in force");
    }

    [Fact]
    public async Task A_backtest_refuses_an_unknown_rule_or_parameter_and_a_reversed_range()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        Task<Outcome<IReadOnlyList<BacktestFinding>>> Backtest(string rule, string parameter, int toDay) =>
            ledger.RunAsync<RuleBacktest, Outcome<IReadOnlyList<BacktestFinding>>>(e => e.RunAsync(
                "V1", rule, new DateOnly(2024, 3, 10), new DateOnly(2024, 3, toDay), new Dictionary<string, decimal> { [parameter] = 1 }));

        (await Backtest("NO_SUCH_RULE", "tier1", 31)).ShouldFailWith("rule.unknown");
        (await Backtest("LARGE_TXN", "tier9", 31)).ShouldFailWith("rule.parameter_unknown").Message.Should().Contain("tier1");
        (await Backtest("LARGE_TXN", "tier1", 9)).ShouldFailWith("backtest.range_invalid");
    }
}
