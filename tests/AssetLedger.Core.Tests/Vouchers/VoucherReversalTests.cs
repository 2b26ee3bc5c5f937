using AssetLedger.Core.Assets;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Vouchers;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Vouchers;

public class VoucherReversalTests
{
    [Fact]
    public async Task A_red_ink_reversal_negates_every_line_and_does_not_inflate_activity()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 300, summary: "误记办公费"), Cr("101", 300, summary: "误记办公费"));

        var reversal = (await ledger.ReverseAsync("V1", "2024-03/记-0001", "2024-03-20")).ShouldSucceed();

        reversal.DisplayNumber.Should().Be("2024-03/记-0002");
        var journal = await ledger.JournalAsync("V1", "2024-03");
        journal.Entries.Where(e => e.VoucherNumber == "记-0002").Select(e => (e.AccountCode, e.Debit.Yuan, e.Credit.Yuan))
            .Should().Equal(("513", -300m, 0m), ("101", 0m, -300m));
        journal.Entries[^1].Summary.Should().Be("冲销2024-03/记-0001号凭证：误记办公费");
        var tb = await ledger.TrialBalanceAsync("V1", "2024-03");
        tb.Lines.Should().NotContain(l => l.Code == "513" && l.PeriodDebit.Fen != 0,
            "a red-ink reversal cancels the activity instead of adding a credit to it");
        tb.PeriodDebitTotal.Yuan.Should().Be(0);
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }

    [Fact]
    public async Task A_voucher_is_reversed_at_most_once_and_asking_again_returns_the_reversal()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 300), Cr("101", 300));
        var first = (await ledger.ReverseAsync("V1", "记-0001", "2024-03-20")).ShouldSucceed();

        var retry = (await ledger.ReverseAsync("V1", "记-0001", "2024-03-20")).ShouldSucceed();
        var second = await ledger.ReverseAsync("V1", "记-0001", "2024-03-21");

        retry.AlreadyPosted.Should().BeTrue();
        retry.Id.Should().Be(first.Id);
        second.ShouldFailWith("reversal.already_reversed").Message.Should().Contain("2024-03/记-0002");
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM vouchers WHERE reverses_voucher_id IS NOT NULL")).Should().Be(1);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_reversal()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var original = (await ledger.PostAsync("V1", "2024-03-05", Dr("513", 300), Cr("101", 300))).Value;
        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");

        var act = () => ledger.ExecuteSqlAsync(
            $"INSERT INTO vouchers (id, book_id, period, number, date, kind, idempotency_key, attachment_count, preparer, reverses_voucher_id, first_posting_id, line_count, posted_at_utc) " +
            $"SELECT 99, book_id, period, 99, date, 'Reversal', 'sneaky', 0, 'x', {original.Id}, 900, 0, posted_at_utc FROM vouchers WHERE id = {original.Id}");

        (await act.Should().ThrowAsync<System.Data.Common.DbException>()).Which.Message.Should().ContainEquivalentOf("unique");
    }

    [Fact]
    public async Task Reversals_and_closing_vouchers_cannot_be_reversed()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 300), Cr("101", 300));
        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");

        (await ledger.ReverseAsync("V1", "2024-03/记-0002", "2024-03-21")).ShouldFailWith("reversal.not_reversible");
    }

    [Fact]
    public async Task A_reversal_goes_into_an_open_month_on_or_after_the_original()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 300), Cr("101", 300));
        (await ledger.CloseAsync("V1", "2024-03")).ShouldSucceed();

        (await ledger.ReverseAsync("V1", "记-0001", "2024-03-31")).ShouldFailWith("period.closed");
        (await ledger.ReverseAsync("V1", "记-0001", "2024-03-01")).ShouldFailWith("reversal.before_original");
        (await ledger.ReverseAsync("V1", "记-0001", "2024-04-02")).ShouldSucceed().DisplayNumber.Should().Be("2024-04/记-0001");
    }

    [Fact]
    public async Task An_ambiguous_or_unknown_number_is_explained()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 1), Cr("101", 1));
        await ledger.PostAsync("V1", "2024-04-05", Dr("513", 1), Cr("101", 1));

        (await ledger.ReverseAsync("V1", "记-0001", "2024-04-20")).ShouldFailWith("voucher.ambiguous").Message.Should().Contain("2024-03/记-0001").And.Contain("2024-04/记-0001");
        (await ledger.ReverseAsync("V1", "2024-05/记-0001", "2024-05-20")).ShouldFailWith("voucher.unknown");
        (await ledger.ReverseAsync("V1", "记-abc", "2024-05-20")).ShouldFailWith("voucher.number_invalid");
    }

    [Fact]
    public async Task A_months_depreciation_is_not_reversed_once_an_asset_it_charged_is_disposed_of_and_verify_holds()
    {
        await using var ledger = await TestLedger.CreateAsync(new DateTimeOffset(2024, 6, 30, 4, 0, 0, TimeSpan.Zero));
        await ledger.VillageAsync("V1");
        (await ledger.PostAsync("V1", "2024-03-15", Dr("151", 36_000), Cr("102", 36_000))).ShouldSucceed();
        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,\nF2,办公电脑,电子设备,2024-03-15,6000,36,5%,straight_line,management,0,,\n")).ShouldSucceed();
        var april = (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed().Voucher!.Value;
        var disposal = (await ledger.RunAsync<AssetRegister, Outcome<(AssetView, PostedVoucher)>>(r =>
            r.DisposeAsync("V1", "F2", new DateOnly(2024, 4, 20), "报废", Money.Zero))).ShouldSucceed().Item2;

        var byRun = await ledger.RunAsync<DepreciationRuns, Outcome<PostedVoucher>>(d => d.ReverseAsync("V1", AccountingPeriod.Of(2024, 4), new DateOnly(2024, 4, 30)));
        var byNumber = await ledger.ReverseAsync("V1", april.DisplayNumber, "2024-04-30");
        var theDisposal = await ledger.ReverseAsync("V1", disposal.DisplayNumber, "2024-04-30");

        byRun.ShouldFailWith("reversal.asset_disposed_since").Message.Should().Contain("F2 办公电脑");
        byNumber.ShouldFailWith("reversal.asset_disposed_since");
        theDisposal.ShouldFailWith("reversal.held_by_register").Message.Should().Contain("disposal of asset F2");
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task Counterparties_are_carried_onto_the_reversal()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 500, "张三"), Cr("101", 500));

        (await ledger.ReverseAsync("V1", "记-0001", "2024-03-06")).ShouldSucceed();

        var sheet = await ledger.BalanceSheetAsync("V1", "2024-03");
        sheet["应收款项"].Values[1].Yuan.Should().Be(0);
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }
}
