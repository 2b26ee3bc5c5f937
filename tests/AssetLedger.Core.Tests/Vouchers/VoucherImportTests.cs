using System.Text;
using AssetLedger.Core.Vouchers;

namespace AssetLedger.Core.Tests.Vouchers;

public class VoucherImportTests
{
    private const string Header = "key,date,summary,account,debit,credit,counterparty,resolution\n";

    [Fact]
    public async Task Lines_sharing_a_key_form_one_voucher()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var report = (await ledger.ImportAsync("V1", Header + """
            A,2024-03-05,收到发包收入,102,55000,,,
            A,2024-03-05,收到发包收入,501,,55000,,
            B,2024-03-06,支付修路款,511,"1,234.56",,,决议2024-3
            B,2024-03-06,支付修路款,101,,1234.56,,决议2024-3
            """)).ShouldSucceed();

        report.Posted.Should().Be(2);
        report.Postings.Should().Be(4);
        report.Vouchers.Select(v => v.DisplayNumber).Should().Equal("2024-03/记-0001", "2024-03/记-0002");
        var resolution = await ledger.QueryAsync(db => Task.FromResult(db.Vouchers.Single(v => v.IdempotencyKey == "B").Resolution));
        resolution.Should().Be("决议2024-3");
    }

    [Fact]
    public async Task Accountants_Chinese_headers_are_accepted()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var report = (await ledger.ImportAsync("V1", """
            key,日期,摘要,科目,借方金额,贷方金额,往来单位,决议编号
            A,2024/3/5,借给张三,112,500,,张三,
            A,2024/3/5,借给张三,101,,500,,
            """)).ShouldSucceed();

        report.Posted.Should().Be(1);
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var csv = Header + "A,2024-03-05,x,101,10,,,\nA,2024-03-05,x,102,,10,,\n";
        (await ledger.ImportAsync("V1", csv)).ShouldSucceed();
        var before = await ledger.FingerprintAsync();

        var again = (await ledger.ImportAsync("V1", csv)).ShouldSucceed();

        again.Posted.Should().Be(0);
        again.AlreadyPosted.Should().Be(1);
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_with_every_error_located()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ledger.ImportAsync("V1", Header + """
            A,2024-03-05,good,101,10,,,
            A,2024-03-05,good,102,,10,,
            B,2024-03-05,bad amount,101,12.345,,,
            B,2024-03-05,bad amount,102,,12.35,,
            C,2024-02-30,bad date,101,1,,,
            C,2024-02-30,bad date,102,,1,,
            D,2024-03-07,unbalanced,101,5,,,
            D,2024-03-07,unbalanced,102,,4,,
            E,2024-03-07,unknown account,1019,5,,,
            E,2024-03-07,unknown account,102,,5,,
            """);

        result.Succeeded.Should().BeFalse();
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        errors.Should().Contain(e => e.StartsWith("line 4, column debit:", StringComparison.Ordinal) && e.Contains("more than two decimals"));
        errors.Should().Contain(e => e.StartsWith("line 6, column date:", StringComparison.Ordinal) && e.Contains("2024-02-30"));
        errors.Should().Contain(e => e.StartsWith("lines 8-9 (voucher D):", StringComparison.Ordinal) && e.Contains("differ by 1.00"));
        errors.Should().Contain(e => e.StartsWith("line 10:", StringComparison.Ordinal) && e.Contains("'1019'"));
        (await ledger.FingerprintAsync()).Should().Be(before, "voucher A was valid, but a file is all or nothing");
    }

    [Fact]
    public async Task A_key_reused_later_in_the_file_for_other_content_is_a_conflict_naming_the_voucher_that_holds_it()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ledger.ImportAsync("V1", Header + """
            A,2024-03-05,x,101,10,,,
            A,2024-03-05,x,102,,10,,
            B,2024-03-05,x,101,10,,,
            B,2024-03-05,x,102,,10,,
            A,2024-03-06,y,101,20,,,
            A,2024-03-06,y,102,,20,,
            """);

        var error = result.ShouldFailWith("voucher.key_conflict");
        error.Location.Should().Be("lines 6-7");
        error.Message.Should().Contain("2024-03/记-0001");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_voucher_repeated_word_for_word_in_a_file_is_posted_once()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var report = (await ledger.ImportAsync("V1", Header + """
            A,2024-03-05,x,101,10,,,
            A,2024-03-05,x,102,,10,,
            B,2024-03-05,x,101,10,,,
            B,2024-03-05,x,102,,10,,
            A,2024-03-05,x,101,10,,,
            A,2024-03-05,x,102,,10,,
            """)).ShouldSucceed();

        (report.Posted, report.AlreadyPosted).Should().Be((2, 1));
        report.Vouchers[2].Id.Should().Be(report.Vouchers[0].Id);
    }

    [Fact]
    public async Task Lines_of_one_voucher_must_agree_on_its_date()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var result = await ledger.ImportAsync("V1", Header + "A,2024-03-05,x,101,10,,,\nA,2024-03-06,x,102,,10,,\n");

        result.ShouldFailWith("voucher.dates_differ").Location.Should().Be("line 3, column date");
    }

    [Theory]
    [InlineData("", "csv.empty")]
    [InlineData("key,date,summary,account,debit,credit\n", "csv.no_rows")]
    [InlineData("key,date,summary,account,debet,credit\nA,2024-03-05,x,101,1,\n", "csv.unknown_column")]
    [InlineData("key,date,summary,account,debit\nA,2024-03-05,x,101,1\n", "csv.missing_column")]
    [InlineData("key,date,summary,account,debit,credit\nA,2024-03-05,\"unclosed,101,1,\nA,2024-03-05,x,102,,1\n", "csv.bad_quoting")]
    [InlineData("key,date,summary,account,debit,credit\nA,2024-03-05,\"quoted\"tail,101,1,\n", "csv.bad_quoting")]
    public async Task A_broken_file_gets_a_clear_error(string csv, string code)
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ledger.ImportAsync("V1", csv)).ShouldFailWith(code);
    }

    [Fact]
    public async Task A_file_that_is_not_UTF8_is_named_as_such()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes("key,日期,摘要,科目,借方金额,贷方金额\nA,2024-03-05,收款,101,1,\n");

        var result = await ledger.RunAsync<VoucherImport, Outcome<PostingReport>>(s => s.ImportAsync("V1", new MemoryStream(gbk)));

        result.ShouldFailWith("csv.not_utf8").Message.Should().Contain("UTF-8");
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_from_Excel_is_accepted()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "A,2024-03-05,x,101,10,,,\nA,2024-03-05,x,102,,10,,\n")).ToArray();

        var result = await ledger.RunAsync<VoucherImport, Outcome<PostingReport>>(s => s.ImportAsync("V1", new MemoryStream(bytes)));

        result.ShouldSucceed().Posted.Should().Be(1);
    }

    [Fact]
    public async Task Importing_into_an_organization_without_books_is_refused()
    {
        await using var ledger = await TestLedger.CreateAsync();

        (await ledger.ImportAsync(TestLedger.Township, Header + "A,2024-03-05,x,101,10,,,\n")).ShouldFailWith("org.no_book");
        (await ledger.ImportAsync("NOPE", Header + "A,2024-03-05,x,101,10,,,\n")).ShouldFailWith("org.unknown");
    }
}
