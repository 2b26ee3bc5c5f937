using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.Engine;

public class RuleEngineTests
{
    [Fact]
    public async Task A_full_run_reads_everything_again_and_raises_only_what_was_not_raised_before()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 4_000), Cr("102", 4_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 6_000), Cr("102", 6_000));
        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle();
        (await ledger.SetRuleAsync("V1", "LARGE_TXN", "tier1", 3_000)).ShouldSucceed();

        var incremental = await ledger.RunRulesAsync();
        var full = await ledger.RunRulesAsync(full: true);
        var fullAgain = await ledger.RunRulesAsync(full: true);

        incremental.VouchersRead.Should().Be(0, "nothing new was posted");
        full.VouchersRead.Should().Be(2);
        full.Raised.Should().ContainSingle().Which.Amount.Should().Be(4_000_00, "the 6,000 voucher raised its alert already");
        fullAgain.Raised.Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_that_fails_before_its_commit_leaves_no_alert_and_the_next_run_raises_it_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.RunAsync<Notifications.SubscriberService, Outcome<Notifications.Subscriber>>(s => s.AddAsync("wang.wu@example.cn", "T1", null, null, null))).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        // The crash: the database refuses the watermark, the last write of the run, after the alerts were added.
        await ledger.ExecuteSqlAsync(ledger.Database.Dialect(
            "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$; "
            + "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks FOR EACH ROW EXECUTE FUNCTION crash();"));

        var crashed = () => ledger.RunRulesAsync();

        await crashed.Should().ThrowAsync<Microsoft.EntityFrameworkCore.DbUpdateException>();
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM payment_index")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM notifications")).Should().Be(0, "the outbox is written with the alerts, or not at all");
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(0);

        await ledger.ExecuteSqlAsync(ledger.Database.Dialect("DROP TRIGGER crash;", "DROP TRIGGER crash ON rule_watermarks;"));
        var retried = await ledger.RunRulesAsync();
        var again = await ledger.RunRulesAsync();

        retried.Raised.Should().ContainSingle().Which.RuleId.Should().Be("LARGE_TXN");
        again.Raised.Should().BeEmpty();
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(1);
        (await ledger.ScalarAsync("SELECT count(*) FROM notifications")).Should().Be(1);
    }
}
