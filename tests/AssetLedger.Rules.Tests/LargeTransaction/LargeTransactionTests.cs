using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.LargeTransaction;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.LargeTransaction;

public class LargeTransactionTests
{
    [Fact]
    public async Task Fires_from_the_first_tier_and_not_one_fen_below()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 4_999.99m), Cr("102", 4_999.99m));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 5_000m), Cr("102", 5_000m));

        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Should().Match<Alert>(a => a.RuleId == "LARGE_TXN" && a.Amount == 5_000_00 && a.Severity == Severity.Warning);
        run.Raised[0].Explanation.Should().Contain("未关联").And.Contain("2024-03/记-0002");
    }

    [Fact]
    public async Task A_linked_resolution_lowers_the_severity_and_the_top_tier_without_one_is_critical()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", new VoucherDraft("A", new DateOnly(2024, 3, 5), [Dr("511", 60_000), Cr("102", 60_000)], "决议2024-01"));
        await ledger.PostAsync("V1", new VoucherDraft("B", new DateOnly(2024, 3, 6), [Dr("511", 60_000), Cr("102", 60_000)]));

        var run = await ledger.RunRulesAsync();

        run.Raised.Select(a => a.Severity).Should().Equal(Severity.Serious, Severity.Critical);
        run.Raised[0].Explanation.Should().Contain("即时公开");
    }

    [Fact]
    public async Task The_same_voucher_never_raises_two_alerts_and_a_run_reads_only_what_is_new()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        (await ledger.RunRulesAsync()).Raised.Should().HaveCount(1);

        var again = await ledger.RunRulesAsync();
        await ledger.PostAsync("V1", "2024-03-07", Dr("513", 9_000), Cr("102", 9_000));
        var next = await ledger.RunRulesAsync();

        again.Raised.Should().BeEmpty();
        again.VouchersRead.Should().Be(0);
        next.VouchersRead.Should().Be(1);
        (await ledger.AlertsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Village_settings_beat_township_settings_which_beat_the_county_defaults()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.VillageAsync("V2");
        (await ledger.SetRuleAsync(TestLedger.Township, "LARGE_TXN", "tier1", 10_000)).ShouldSucceed();
        (await ledger.SetRuleAsync("V2", "LARGE_TXN", "tier1", 3_000)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 6_000), Cr("102", 6_000));
        await ledger.PostAsync("V2", "2024-03-05", Dr("513", 4_000), Cr("102", 4_000));

        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Amount.Should().Be(4_000_00, "V1 follows the township's 10,000; V2 its own 3,000");
        run.Raised[0].Parameters.Should().Contain("\"tier1\":3000");
        (await ledger.SetRuleAsync("V2", "LARGE_TXN", "tier9", 1)).ShouldFailWith("rule.parameter_unknown");
        (await ledger.SetRuleAsync("V2", "NO_SUCH_RULE", "tier1", 1)).ShouldFailWith("rule.unknown");
    }

    [Fact]
    public async Task A_reversal_resolves_the_alert_of_the_voucher_it_reverses()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.RunRulesAsync();

        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");
        var run = await ledger.RunRulesAsync();

        run.Resolved.Should().Be(1);
        run.Raised.Should().BeEmpty("a reversal is not itself a large transaction");
        (await ledger.AlertsAsync()).Single().State.Should().Be(AlertState.Resolved);
    }

    [Theory]
    [InlineData(4_999.99, 0, null)]
    [InlineData(5_000, 1, Severity.Warning)]
    [InlineData(20_000, 1, Severity.Serious)]
    [InlineData(50_000, 1, Severity.Critical)]
    public void Facts_a_cash_movement_at_each_tier_without_a_resolution_is_one_severity_higher(decimal yuan, int alerts, Severity? severity)
    {
        var facts = Given.On("2024-03-31", Given.Voucher(1, "2024-03-05", Given.Dr("513", yuan), Given.Cr("102", yuan)));

        var found = new LargeTransactionRule().Evaluate(facts);

        found.Should().HaveCount(alerts);
        found.Select(f => (Severity?)f.Severity).FirstOrDefault().Should().Be(severity);
    }
}
