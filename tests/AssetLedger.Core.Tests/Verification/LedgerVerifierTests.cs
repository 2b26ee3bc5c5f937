using static AssetLedger.Testing.TestLedger;

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
            INSERT INTO vouchers (id, book_id, period, number, date, kind, idempotency_key, attachment_count, preparer,
                                  first_posting_id, line_count, posted_at_utc)
            SELECT 100, book_id, 202403, 7, '2024-03-09', 'Normal', 'forged', 0, 'x', 1000, 1, posted_at_utc FROM vouchers WHERE id = 1;
            INSERT INTO postings (id, voucher_id, line_no, account_id, debit, credit, summary)
            SELECT 1000, 100, 1, account_id, 500, 0, 'forged' FROM postings WHERE id = 1;
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
            INSERT INTO vouchers (id, book_id, period, number, date, kind, idempotency_key, attachment_count, preparer,
                                  reverses_voucher_id, first_posting_id, line_count, posted_at_utc)
            SELECT 100, book_id, 202403, 4, '2024-03-09', 'Reversal', 'forged', 0, 'x', 1, 1000, 2, posted_at_utc FROM vouchers WHERE id = 1;
            INSERT INTO postings (id, voucher_id, line_no, account_id, debit, credit, summary)
            SELECT 999 + line_no, 100, line_no, account_id, -debit, -credit - 1, 'forged' FROM postings WHERE voucher_id = 1;
            """);

        (await ledger.VerifyAsync()).Findings.Select(f => f.Code).Should().Contain("verify.reversal_mismatch");
    }

    [Fact]
    public async Task A_posting_outside_every_voucher_is_caught()
    {
        await using var ledger = await SmallLedgerAsync();
        await ledger.ExecuteSqlAsync("""
            INSERT INTO postings (id, voucher_id, line_no, account_id, debit, credit, summary)
            SELECT 5000, voucher_id, 9, account_id, 1, 0, 'stray' FROM postings WHERE id = 1;
            """);

        (await ledger.VerifyAsync()).Findings.Select(f => f.Code).Should().Contain("verify.posting_orphan");
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

    [Fact]
    public async Task Parallel_ranges_and_the_portable_reader_find_what_one_native_pass_finds()
    {
        await using var ledger = await TestLedger.CreateAsync(onFile: true);
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");
        for (var day = 1; day <= 20; day++)
        {
            await ledger.PostAsync(day % 2 == 0 ? "V1" : "V2", $"2024-03-{day:00}", Dr("101", day), Cr("102", day));
        }

        await ledger.ExecuteSqlAsync("UPDATE account_balances SET credit = credit + 7 WHERE account_id = (SELECT MAX(account_id) FROM account_balances)");
        await ledger.ExecuteSqlAsync("""
            INSERT INTO postings (id, voucher_id, line_no, account_id, debit, credit, summary)
            SELECT 5000, voucher_id, 9, account_id, 1, 0, 'stray' FROM postings WHERE id = 1;
            """);

        async Task<VerificationReportView> Verify(long threshold, bool native) => new(await ledger.RunAsync<Core.Verification.LedgerVerifier, Core.Verification.VerificationReport>(async v =>
        {
            v.ParallelScanThreshold = threshold;
            v.NativeReads = native;
            return (await v.VerifyAsync(null)).Value;
        }));

        var single = await Verify(threshold: long.MaxValue, native: true);

        single.Codes.Should().Contain(["verify.balance_mismatch", "verify.posting_orphan"]);
        single.Postings.Should().Be(41);
        (await Verify(threshold: 0, native: true)).Should().BeEquivalentTo(single);
        (await Verify(threshold: long.MaxValue, native: false)).Should().BeEquivalentTo(single);
        (await Verify(threshold: 0, native: false)).Should().BeEquivalentTo(single);
    }

    private sealed record VerificationReportView(IReadOnlyList<string> Codes, long Postings, long Vouchers)
    {
        public VerificationReportView(Core.Verification.VerificationReport r)
            : this(r.Findings.Select(f => f.Code).Order().ToList(), r.Postings, r.Vouchers)
        {
        }
    }
}
