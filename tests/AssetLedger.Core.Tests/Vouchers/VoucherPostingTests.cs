using System.Data.Common;
using AssetLedger.Core.Vouchers;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Vouchers;

public class VoucherPostingTests
{
    [Fact]
    public async Task Posting_numbers_vouchers_gap_free_per_book_and_month()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");

        var a = (await ledger.PostAsync("V1", "2024-03-05", Dr("101", 10), Cr("102", 10))).Value;
        var b = (await ledger.PostAsync("V1", "2024-03-01", Dr("101", 20), Cr("102", 20))).Value;
        var c = (await ledger.PostAsync("V1", "2024-04-02", Dr("101", 30), Cr("102", 30))).Value;
        var d = (await ledger.PostAsync("V2", "2024-03-09", Dr("101", 40), Cr("102", 40))).Value;

        a.DisplayNumber.Should().Be("2024-03/记-0001");
        b.DisplayNumber.Should().Be("2024-03/记-0002", "numbers follow posting order within the month");
        c.DisplayNumber.Should().Be("2024-04/记-0001", "each month starts again at 1");
        d.DisplayNumber.Should().Be("2024-03/记-0001", "each book numbers its own vouchers");
    }

    [Fact]
    public async Task A_balanced_voucher_updates_the_maintained_balances_and_the_audit_log()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        await ledger.PostAsync("V1", "2024-03-05", Dr("102", 55_000), Cr("501", 55_000));

        var tb = await ledger.TrialBalanceAsync("V1", "2024-03");
        tb.Lines.Single(l => l.Code == "102").Closing.Yuan.Should().Be(55_000);
        tb.Lines.Single(l => l.Code == "501").Closing.Yuan.Should().Be(-55_000);
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'voucher.post' AND actor = 'tester'")).Should().Be(1);
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }

    [Fact]
    public async Task An_unbalanced_voucher_is_rejected_naming_the_difference_and_writes_nothing()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ledger.PostAsync("V1", "2024-03-05", Dr("102", 100), Cr("501", 99.99m));

        result.ShouldFailWith("voucher.unbalanced").Message.Should().Contain("100.00").And.Contain("99.99").And.Contain("0.01");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Every_rule_broken_by_a_voucher_is_reported_at_once()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var result = await ledger.PostAsync("V1", new VoucherDraft("K", new DateOnly(2024, 3, 5),
        [
            Dr("999", 10),                            // unknown account
            Dr("322", 10),                            // has details: not a leaf
            Dr("112", 10),                            // needs a counterparty
            new VoucherLineDraft("101", "", Money.FromYuan(5), Money.FromYuan(5)), // both sides, no summary
            Cr("102", -10),                           // negative
        ]));

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(["account.unknown", "account.not_leaf", "posting.counterparty_required",
            "posting.one_side", "text.required", "posting.negative"]);
        result.Errors.Single(e => e.Code == "account.unknown").Location.Should().Be("voucher K, line 1");
    }

    [Fact]
    public async Task A_voucher_needs_two_lines()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ledger.PostAsync("V1", "2024-03-05", Dr("101", 0.01m))).ShouldFailWith("voucher.too_few_lines");
    }

    [Fact]
    public async Task Posting_to_a_detail_account_and_naming_accounts_by_name_both_work()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.AddAccountAsync("V1", "11201", "张三")).ShouldSucceed();

        (await ledger.PostAsync("V1", "2024-03-05", Dr("11201 应收款—张三", 80, "张三"), Cr("库存现金", 80))).ShouldSucceed();

        var tb = await ledger.TrialBalanceAsync("V1", "2024-03");
        tb.Lines.Single(l => l.Code == "11201").Closing.Yuan.Should().Be(80);
        tb.Lines.Single(l => l.Code == "112").Closing.Yuan.Should().Be(80, "a parent shows the sum of its details");
        (await ledger.PostAsync("V1", "2024-03-06", Dr("112", 1, "张三"), Cr("101", 1))).ShouldFailWith("account.not_leaf");
    }

    [Fact]
    public async Task The_same_key_with_the_same_content_returns_the_posted_voucher_without_posting_again()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var draft = new VoucherDraft("client-42", new DateOnly(2024, 3, 5), [Dr("101", 10), Cr("102", 10)]);

        var first = (await ledger.PostAsync("V1", draft)).ShouldSucceed();
        var retry = (await ledger.PostAsync("V1", draft)).ShouldSucceed();

        retry.AlreadyPosted.Should().BeTrue();
        retry.Id.Should().Be(first.Id);
        retry.DisplayNumber.Should().Be(first.DisplayNumber);
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM postings")).Should().Be(2);
        (await ledger.TrialBalanceAsync("V1", "2024-03")).Lines.Single(l => l.Code == "101").PeriodDebit.Yuan.Should().Be(10);
    }

    [Fact]
    public async Task The_same_key_with_different_content_is_a_conflict_that_names_the_existing_voucher()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.PostAsync("V1", new VoucherDraft("client-42", new DateOnly(2024, 3, 5), [Dr("101", 10), Cr("102", 10)]))).ShouldSucceed();
        var before = await ledger.FingerprintAsync();

        var conflict = await ledger.PostAsync("V1", new VoucherDraft("client-42", new DateOnly(2024, 3, 5), [Dr("101", 11), Cr("102", 11)]));

        conflict.ShouldFailWith("voucher.key_conflict").Message.Should().Contain("2024-03/记-0001");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Keys_are_per_book()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");
        var draft = new VoucherDraft("same", new DateOnly(2024, 3, 5), [Dr("101", 10), Cr("102", 10)]);

        (await ledger.PostAsync("V1", draft)).Value.AlreadyPosted.Should().BeFalse();
        (await ledger.PostAsync("V2", draft)).Value.AlreadyPosted.Should().BeFalse();
    }

    [Fact]
    public async Task A_date_after_the_current_month_is_refused()
    {
        await using var ledger = await TestLedger.CreateAsync(new DateTimeOffset(2024, 3, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await ledger.VillageAsync("V1");

        (await ledger.PostAsync("V1", "2024-03-31", Dr("101", 1), Cr("102", 1))).ShouldSucceed();
        (await ledger.PostAsync("V1", "2024-04-01", Dr("101", 1), Cr("102", 1))).ShouldFailWith("period.future");
    }

    [Fact]
    public async Task Posted_vouchers_and_postings_cannot_be_changed_or_deleted_even_with_raw_SQL()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 10), Cr("102", 10));

        foreach (var sql in new[]
        {
            "UPDATE postings SET debit = 999 WHERE debit = 1000",
            "DELETE FROM postings",
            "UPDATE vouchers SET number = 7",
            "DELETE FROM vouchers",
            "UPDATE audit_log SET actor = 'nobody'",
            "DELETE FROM audit_log",
        })
        {
            var act = () => ledger.ExecuteSqlAsync(sql);
            (await act.Should().ThrowAsync<DbException>(sql)).Which.Message.Should().Contain("append-only");
        }

        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_text()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        const string hostile = "'); DROP TABLE postings; -- =cmd|' /C calc'!A0";

        (await ledger.PostAsync("V1", "2024-03-05", Dr("101", 10, summary: hostile), Cr("102", 10, summary: hostile))).ShouldSucceed();

        (await ledger.JournalAsync("V1", "2024-03")).Entries.Should().OnlyContain(e => e.Summary == hostile);
    }

    [Fact]
    public async Task Control_characters_in_a_summary_are_refused()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ledger.PostAsync("V1", "2024-03-05", Dr("101", 10, summary: "a\u0000b"), Cr("102", 10)))
            .ShouldFailWith("text.control_character");
    }

    [Theory]
    [InlineData(0xFFFF)]
    [InlineData(0xFFFE)]
    [InlineData(0xDC00)] // half a surrogate pair (given as a number: test data would not carry it as text)
    public async Task A_character_no_report_could_hold_is_refused_in_a_summary_a_counterparty_and_a_key(int code)
    {
        var character = ((char)code).ToString();
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ledger.PostAsync("V1", "2024-03-05", Dr("101", 10, summary: $"办公{character}"), Cr("102", 10))).ShouldFailWith("text.unstorable_character");
        (await ledger.PostAsync("V1", "2024-03-05", Dr("112", 10, counterparty: $"张三{character}"), Cr("102", 10))).ShouldFailWith("text.unstorable_character");
        (await ledger.PostAsync("V1", new VoucherDraft($"K{character}", new DateOnly(2024, 3, 5), [Dr("101", 10), Cr("102", 10)]))).ShouldFailWith("text.unstorable_character");
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM vouchers")).Should().Be(0);
    }

    [Theory]
    [InlineData("513 管理费用")]
    [InlineData("513管理费用")]
    [InlineData("513 - 管理费用")]
    [InlineData("11201 应收款—张三")]
    [InlineData("11201 应收款-张三")]
    [InlineData("11201 张三")]
    public async Task An_account_typed_with_its_own_name_is_found(string typed)
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.AddAccountAsync("V1", "11201", "张三")).ShouldSucceed();

        (await ledger.PostAsync("V1", "2024-03-05", Dr(typed, 10, "张三"), Cr("101", 10))).ShouldSucceed();
    }

    [Theory]
    [InlineData("513 银行存款", "account 513 is 管理费用, not 银行存款")]
    [InlineData("11201 李四", "account 11201 is 应收款—张三, not 李四")]
    public async Task An_account_typed_with_another_accounts_name_is_refused_naming_both(string typed, string message)
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.AddAccountAsync("V1", "11201", "张三")).ShouldSucceed();

        var refused = (await ledger.PostAsync("V1", "2024-03-05", Dr(typed, 10, "张三"), Cr("101", 10))).ShouldFailWith("account.name_mismatch");

        refused.Message.Should().StartWith(message);
        refused.Location.Should().NotBeNull();
    }

    [Fact]
    public async Task The_portable_insert_path_other_providers_use_posts_the_same_books()
    {
        await using var native = await TestLedger.CreateAsync();
        await using var portable = await TestLedger.CreateAsync();
        foreach (var (ledger, isNative) in new[] { (native, true), (portable, false) })
        {
            await ledger.VillageAsync("V1");
            var first = new VoucherDraft("A", new DateOnly(2024, 3, 5), [Dr("112", 80, "张三"), Cr("101", 80)], "决议-1", 2);
            (await ledger.PostAsync("V1", first, isNative)).ShouldSucceed();
            (await ledger.PostAsync("V1", first, isNative)).ShouldSucceed().AlreadyPosted.Should().BeTrue();
            (await ledger.PostAsync("V1", first with { AttachmentCount = 3 }, isNative)).ShouldFailWith("voucher.key_conflict");
            (await ledger.PostAsync("V1", new VoucherDraft("B", new DateOnly(2024, 3, 6), [Dr("513", 5), Cr("101", 5)]), isNative)).ShouldSucceed();
            (await ledger.VerifyAsync()).Passed.Should().BeTrue();
        }

        (await portable.JournalAsync("V1", "2024-03")).Should().BeEquivalentTo(await native.JournalAsync("V1", "2024-03"));
        var row = "id || '|' || number || '|' || date || '|' || kind || '|' || COALESCE(resolution, '') || '|' || attachment_count || '|' || first_posting_id || '|' || line_count";
        var stored = native.Database.Dialect($"SELECT group_concat({row}, ';') FROM (SELECT * FROM vouchers ORDER BY id)", $"SELECT string_agg({row}, ';' ORDER BY id) FROM vouchers");
        (await portable.TextAsync(stored)).Should().Be(await native.TextAsync(stored));
    }
}
