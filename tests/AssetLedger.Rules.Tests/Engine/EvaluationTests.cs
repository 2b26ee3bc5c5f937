using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.Engine;

public class EvaluationTests
{
    [Fact]
    public async Task A_reversal_read_in_the_same_run_as_its_voucher_resolves_the_alert_that_run_raises()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");

        var run = await ledger.RunRulesAsync();

        run.Resolved.Should().Be(1);
        run.Raised.Should().ContainSingle().Which.State.Should().Be(AlertState.Resolved);
        (await ledger.AlertsAsync()).Single().State.Should().Be(AlertState.Resolved);
    }

    [Fact]
    public async Task The_frequent_run_leaves_the_calendar_rules_to_the_daily_checks_which_move_no_watermark()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        var expiring = new DateOnly(2025, 12, 31);

        var daily = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: expiring);
        var frequent = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries, asOf: expiring);
        var frequentAgain = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries, asOf: expiring);
        var dailyAgain = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: expiring);

        daily.Raised.Select(a => a.RuleId).Should().Contain("CONTRACT_EXPIRING").And.NotContain("LARGE_TXN");
        daily.VouchersRead.Should().Be(0);
        frequent.Raised.Select(a => a.RuleId).Should().Equal(["LARGE_TXN"], "the voucher is still new to the frequent run after the daily one");
        frequentAgain.VouchersRead.Should().Be(0);
        dailyAgain.Raised.Should().BeEmpty("the same day's checks raise nothing twice");
    }

    [Fact]
    public async Task A_run_reads_only_the_books_with_new_entries_and_moves_every_watermark_to_the_head()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.VillageAsync("V2");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.RunRulesAsync();
        await ledger.PostAsync("V2", "2024-03-06", Dr("513", 9_000), Cr("102", 9_000));

        var run = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        run.VouchersRead.Should().Be(1, "V1 has nothing new; only V2's voucher is read");
        run.Raised.Should().ContainSingle().Which.Amount.Should().Be(9_000_00);
        (await ledger.ScalarAsync("SELECT count(DISTINCT last_voucher_id) FROM rule_watermarks")).Should().Be(1, "both books were read up to the same head");
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(2);
    }
}
