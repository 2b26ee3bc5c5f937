using AssetLedger.Core.Tests.Support;
using static AssetLedger.Core.Tests.Support.TestLedger;

namespace AssetLedger.Core.Tests.Verification;

public class LedgerVerifierTests
{
    private static async Task<TestLedger> SmallLedgerAsync()
    {
        var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");
        (await ledger.OpeningAsync("V1", 2024, "account,counterparty,debit,credit\n102,,1000,\n112,张三,50,\n301,,,1050\n")).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-01", Dr("101", 100), Cr("102", 100));
        await ledger.PostAsync("V1", "2024-03-02", Dr("513", 30, summary: "x"), Cr("101", 30));
        await ledger.ReverseAsync("V1", "记-0002", "2024-03-03");
        await ledger.PostAsync("V2", "2024-04-01", Dr("112", 10, "李四"), Cr("102", 10));
        return ledger;
    }

    [Fact]
    public async Task Books_built_through_the_application_pass_every_check()
    {
        await using var ledger = await SmallLedgerAsync();

        var report = await ledger.VerifyAsync();

        report.Findings.Should().BeEmpty();
        report.Books.Should().Be(2);
        report.Vouchers.Should().Be(4);
        report.Postings.Should().Be(8);
    }

    [Fact]
    public async Task A_maintained_balance_that_drifted_is_found_and_can_be_rebuilt()
    {
        await using var ledger = await SmallLedgerAsync();
        await ledger.ExecuteSqlAsync("UPDATE account_balances SET debit = debit + 1 WHERE period = 202403 AND debit > 0 AND account_id = (SELECT MIN(account_id) FROM account_balances WHERE period = 202403 AND debit > 0)");

        var broken = await ledger.VerifyAsync();
        broken.Findings.Should().ContainSingle(f => f.Code == "verify.balance_mismatch").Which.Message.Should().Contain("2024-03");

        var repaired = await ledger.VerifyAsync(rebuild: true);
        repaired.BalancesRebuilt.Should().BeTrue();
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'balances.rebuild'")).Should().Be(1);
    }

    [Fact]
    public async Task A_voucher_slipped_in_with_raw_SQL_is_caught_for_its_gap_its_imbalance_and_its_missing_audit()
    {
        await using var ledger = await SmallLedgerAsync();
        await ledger.ExecuteSqlAsync("""
            INSERT INTO vouchers (book_id, period, number, date, kind, idempotency_key, content_hash, attachment_count, preparer, posted_at_utc)
            SELECT book_id, 202403, 7, '2024-03-09', 'Normal', 'forged', 'x', 0, 'x', posted_at_utc FROM vouchers WHERE id = 1;
            INSERT INTO postings (voucher_id, book_id, line_no, account_id, period, debit, credit, summary)
            SELECT last_insert_rowid(), book_id, 1, account_id, 202403, 500, 0, 'forged' FROM postings WHERE id = 1;
            """);

        var report = await ledger.VerifyAsync();

        report.Passed.Should().BeFalse();
        report.Findings.Select(f => f.Code).Should().Contain(["verify.numbering_gap", "verify.voucher_unbalanced",
            "verify.balance_mismatch", "verify.period_unbalanced", "verify.audit_missing"]);
    }

    [Fact]
    public async Task A_reversal_that_does_not_mirror_its_original_is_caught()
    {
        await using var ledger = await SmallLedgerAsync();
        await ledger.ExecuteSqlAsync("""
            INSERT INTO vouchers (book_id, period, number, date, kind, idempotency_key, content_hash, attachment_count, preparer, reverses_voucher_id, posted_at_utc)
            SELECT book_id, 202403, 4, '2024-03-09', 'Reversal', 'forged', 'x', 0, 'x', 1, posted_at_utc FROM vouchers WHERE id = 1;
            """);

        (await ledger.VerifyAsync()).Findings.Select(f => f.Code).Should().Contain("verify.reversal_mismatch");
    }

    [Fact]
    public async Task Verify_can_be_limited_to_one_organization()
    {
        await using var ledger = await SmallLedgerAsync();
        await ledger.ExecuteSqlAsync("UPDATE account_balances SET credit = credit + 1 WHERE book_id = (SELECT b.id FROM books b JOIN organizations o ON o.id = b.organization_id WHERE o.code = 'V2')");

        (await ledger.VerifyAsync("V1")).Passed.Should().BeTrue();
        (await ledger.VerifyAsync("V2")).Passed.Should().BeFalse();
        (await ledger.VerifyAsync(Township)).Passed.Should().BeFalse();
    }
}
