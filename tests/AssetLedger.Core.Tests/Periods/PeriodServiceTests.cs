using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Periods;

public class PeriodServiceTests
{
    [Fact]
    public async Task A_closed_month_takes_no_postings()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 1), Cr("102", 1));
        (await ledger.CloseAsync("V1", "2024-03")).ShouldSucceed();
        var before = await ledger.FingerprintAsync();

        var late = await ledger.PostAsync("V1", "2024-03-31", Dr("101", 1), Cr("102", 1));

        late.ShouldFailWith("period.closed").Message.Should().Contain("2024-03-31").And.Contain("period reopen");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Months_close_in_order_from_the_first_month_of_the_book()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-02-05", Dr("101", 1), Cr("102", 1));

        (await ledger.CloseAsync("V1", "2024-03")).ShouldFailWith("period.previous_open").Message.Should().Contain("2024-02");
        (await ledger.CloseAsync("V1", "2024-02")).ShouldSucceed().Unchanged.Should().BeFalse();
        (await ledger.CloseAsync("V1", "2024-02")).ShouldSucceed().Unchanged.Should().BeTrue("closing twice is harmless");
        (await ledger.CloseAsync("V1", "2024-03")).ShouldSucceed();
    }

    [Fact]
    public async Task A_month_that_has_not_ended_cannot_be_closed()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ledger.CloseAsync("V1", "2026-01")).ShouldFailWith("period.not_ended");
    }

    [Fact]
    public async Task Reopening_needs_a_reason_goes_latest_first_and_is_audited()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 1), Cr("102", 1));
        await ledger.CloseAsync("V1", "2024-03");
        await ledger.CloseAsync("V1", "2024-04");

        (await ledger.ReopenAsync("V1", "2024-04", " ")).ShouldFailWith("text.required");
        (await ledger.ReopenAsync("V1", "2024-03", "漏记")).ShouldFailWith("period.next_closed");
        (await ledger.ReopenAsync("V1", "2024-05", "漏记")).ShouldFailWith("period.not_closed");
        (await ledger.ReopenAsync("V1", "2024-04", "漏记一笔租金收入")).ShouldSucceed();

        (await ledger.PostAsync("V1", "2024-04-30", Dr("102", 1000), Cr("501", 1000))).ShouldSucceed();
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'period.reopen' AND reason = '漏记一笔租金收入' AND subject = 'period 2024-04'"))
            .Should().Be(1);
    }
}
