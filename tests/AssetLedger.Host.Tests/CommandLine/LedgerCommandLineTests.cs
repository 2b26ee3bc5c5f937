using System.Text;
using System.Text.Json;

namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>The command-line forms of the ledger-core issue are a contract: these tests use them exactly as written.</summary>
public sealed class LedgerCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private async Task CountyWithVillageAsync()
    {
        await cli.CountyWithVillageAsync();
    }

    private static JsonElement Line(JsonDocument doc, string name) =>
        doc.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("name").GetString() == name);

    [Fact]
    public async Task A_year_of_books_through_the_command_line_contract()
    {
        (await cli.OkAsync("init")).Should().Contain($"database ready: {cli.Database.Settings.Describe()} (");
        (await cli.OkAsync("init")).Should().Contain("database ready", "init is idempotent");
        await CountyWithVillageAsync();
        (await cli.OkAsync("org", "list")).Should().Contain("东风村");
        await cli.OkAsync("account", "add", "11201", "张三", "--org", "33010101");
        var opening = cli.WriteFile("opening.csv", "account,counterparty,debit,credit\n102,,115000,\n301,,,100000\n32202,,,15000\n");
        (await cli.OkAsync("opening", "import", opening, "--org", "33010101", "--year", "2024")).Should().Contain("115,000.00");
        var vouchers = cli.WriteFile("vouchers.csv", """
            key,日期,摘要,科目,借方金额,贷方金额,往来单位,决议编号
            2024-001,2024-03-05,收到土地发包收入,102,"95,000.00",,,
            2024-001,2024-03-05,收到土地发包收入,501,,95000,,
            2024-002,2024-03-08,借给张三,11201,800,,张三,
            2024-002,2024-03-08,借给张三,101,,800,,
            2024-003,2024-03-09,支付村部维修费,513,65000,,,决议2024-02
            2024-003,2024-03-09,支付村部维修费,102,,65000,,决议2024-02
            2024-004,2024-04-01,误记管理费用,513,300,,,
            2024-004,2024-04-01,误记管理费用,102,,300,,
            """, bom: true);

        (await cli.OkAsync("voucher", "import", vouchers, "--org", "33010101")).Should().Contain("posted 4 vouchers (8 postings)").And.Contain("2024-03: 记-0001…记-0003");
        (await cli.OkAsync("voucher", "import", vouchers, "--org", "33010101")).Should().Contain("posted 0 vouchers").And.Contain("4 already posted");
        (await cli.OkAsync("voucher", "reverse", "--org", "33010101", "--voucher", "2024-04/记-0001", "--date", "2024-04-02")).Should().Contain("2024-04/记-0002");
        (await cli.RunAsync("period", "close", "--org", "33010101", "--period", "2024-03")).Error.Should().Contain("close 2024-02 first");
        await cli.OkAsync("period", "close", "--org", "33010101", "--period", "2024-01");
        await cli.OkAsync("period", "close", "--org", "33010101", "--period", "2024-02");
        (await cli.OkAsync("period", "close", "--org", "33010101", "--period", "2024-03")).Should().Contain("closed 2024-03");
        (await cli.OkAsync("period", "reopen", "--org", "33010101", "--period", "2024-03", "--reason", "补记凭证")).Should().Contain("reopened 2024-03");
        (await cli.OkAsync("year", "close", "--org", "33010101", "--year", "2024")).Should().Contain("closed 2024");

        using var income = JsonDocument.Parse(await cli.OkAsync("report", "income-statement", "--org", "33010101", "--period", "2024-12", "--format", "json"));
        income.RootElement.GetProperty("report").GetString().Should().Be("收益及收益分配表");
        income.RootElement.GetProperty("unit").GetString().Should().Be("元");
        Line(income, "经营收入").GetProperty("amount").GetDecimal().Should().Be(95_000m);
        Line(income, "管理费用").GetProperty("amount").GetDecimal().Should().Be(65_000m, "the reversed 300 is not spending");
        Line(income, "本年收益").GetProperty("amount").GetDecimal().Should().Be(30_000m);
        Line(income, "可分配收益").GetProperty("amount").GetDecimal().Should().Be(45_000m);
        Line(income, "本年收益").GetProperty("amount").ValueKind.Should().Be(JsonValueKind.Number);

        using var sheet = JsonDocument.Parse(await cli.OkAsync("report", "balance-sheet", "--org", "33010101", "--period", "2024-12", "--format", "json"));
        Line(sheet, "资产总计").GetProperty("amount").GetDecimal().Should().Be(145_000m);
        Line(sheet, "负债和所有者权益总计").GetProperty("amount").GetDecimal().Should().Be(145_000m);
        Line(sheet, "未分配收益").GetProperty("amount").GetDecimal().Should().Be(45_000m);

        using var tb = JsonDocument.Parse(await cli.OkAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03", "--format", "json"));
        tb.RootElement.GetProperty("balanced").GetBoolean().Should().BeTrue();
        tb.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "11201")
            .GetProperty("name").GetString().Should().Be("张三");

        (await cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().Contain("支付村部维修费");
        (await cli.OkAsync("report", "ledger", "--org", "33010101", "--period", "2024-03", "--account", "102")).Should().Contain("期初余额").And.Contain("本年累计");
        (await cli.OkAsync("verify")).Should().StartWith("OK");
        (await cli.OkAsync("verify", "--org", "330101")).Should().Contain("1 books");
    }

    [Fact]
    public async Task A_bad_voucher_file_is_rejected_whole_listing_every_error_and_writes_nothing()
    {
        await CountyWithVillageAsync();
        var file = cli.WriteFile("bad.csv", """
            key,date,summary,account,debit,credit,counterparty,resolution
            A,2024-03-05,ok,101,10,,,
            A,2024-03-05,ok,102,,10,,
            B,2024-03-05,bad,101,1.234,,,
            B,2024-03-05,bad,102,,1.23,,
            C,2024-03-06,unbalanced,101,5,,,
            C,2024-03-06,unbalanced,102,,4,,
            """);

        var result = await cli.RunAsync("voucher", "import", file, "--org", "33010101");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("line 4, column debit").And.Contain("lines 6-7 (voucher C)").And.Contain("nothing was written");
        (await cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03", "--format", "json"))
            .Should().Contain("\"entries\": []");
    }

    [Theory]
    [InlineData("not,a,voucher,file\n1,2,3,4\n", "column 'not'")]
    [InlineData("\u0000\u0001\u0002garbage", "not one this import understands")]
    public async Task Garbage_files_get_a_clear_message(string content, string expected)
    {
        await CountyWithVillageAsync();
        var file = cli.WriteFile("garbage.csv", content);

        var result = await cli.RunAsync("voucher", "import", file, "--org", "33010101");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(expected);
        result.Error.Should().NotContain("   at ", "no stack trace reaches the user");
    }

    [Fact]
    public async Task A_missing_file_or_unknown_organization_is_named()
    {
        await CountyWithVillageAsync();

        var missing = await cli.RunAsync("voucher", "import", Path.Combine(cli.Folder, "nope.csv"), "--org", "33010101");
        var unknown = await cli.RunAsync("report", "trial-balance", "--org", "9999", "--period", "2024-03");

        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("cannot read").And.Contain("nope.csv");
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().Contain("no organization has code '9999'");
    }

    [Theory]
    [InlineData("YYYY-MM", "period", "close", "--org", "33010101", "--period", "2024-13")]
    [InlineData("'yesterday' is not a date", "voucher", "reverse", "--org", "33010101", "--voucher", "1", "--date", "yesterday")]
    [InlineData("YYYY-MM", "report", "balance-sheet", "--org", "33010101", "--period", "March")]
    [InlineData("is not a voucher number", "voucher", "reverse", "--org", "33010101", "--voucher", "记-x", "--date", "2024-03-01")]
    public async Task Malformed_arguments_are_rejected_with_what_to_write_instead(string expected, params string[] args)
    {
        await CountyWithVillageAsync();

        var result = await cli.RunAsync(args);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain(expected);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_without_a_stack_trace()
    {
        var broken = cli.WriteFile("broken.db", "this is not a SQLite database, just text that happens to be here");

        var result = await cli.RunAsync("report", "trial-balance", "--org", "1", "--period", "2024-03", "--db", broken);

        result.ExitCode.Should().Be(70);
        result.Error.Should().StartWith("error: database:").And.Contain("not a database");
        result.Error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var result = await cli.RunAsync("period", "close", "--period", "2024-03");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--org");
    }

    [Theory]
    [InlineData("init")]
    [InlineData("org", "add")]
    [InlineData("org", "list")]
    [InlineData("account", "add")]
    [InlineData("account", "list")]
    [InlineData("opening", "import")]
    [InlineData("voucher", "import")]
    [InlineData("voucher", "reverse")]
    [InlineData("period", "close")]
    [InlineData("period", "reopen")]
    [InlineData("year", "close")]
    [InlineData("report", "trial-balance")]
    [InlineData("report", "balance-sheet")]
    [InlineData("report", "income-statement")]
    [InlineData("report", "journal")]
    [InlineData("report", "ledger")]
    [InlineData("verify")]
    public async Task Every_verb_has_help(params string[] verb)
    {
        var result = await cli.RunAsync([.. verb, "--help"]);

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("Usage:").And.Contain(verb[^1]);
    }

    [Fact]
    public async Task Reports_can_be_written_as_csv_files_that_spreadsheets_read_safely()
    {
        await CountyWithVillageAsync();
        var vouchers = cli.WriteFile("v.csv", "key,date,summary,account,debit,credit,counterparty,resolution\nA,2024-03-05,\"=HYPERLINK(\"\"x\"\")\",101,10,,,\nA,2024-03-05,-正常摘要,102,,10,,\n");
        await cli.OkAsync("voucher", "import", vouchers, "--org", "33010101");
        var output = Path.Combine(cli.Folder, "journal.csv");

        (await cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03", "--format", "csv", "--out", output)).Should().Contain("journal.csv");

        var bytes = await File.ReadAllBytesAsync(output);
        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble(), "Excel needs the byte-order mark to read Chinese");
        var text = Encoding.UTF8.GetString(bytes);
        text.Should().Contain("凭证号").And.Contain("'=HYPERLINK").And.Contain("'-正常摘要").And.Contain(",10.00,");
    }

    [Fact]
    public async Task Verify_exits_non_zero_when_an_invariant_is_broken()
    {
        await CountyWithVillageAsync();
        var vouchers = cli.WriteFile("v.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,x,101,10,\nA,2024-03-05,x,102,,10\n");
        await cli.OkAsync("voucher", "import", vouchers, "--org", "33010101");
        cli.Database.Scalar("UPDATE account_balances SET debit = debit + 1");
        var broken = await cli.RunAsync("verify");
        var repaired = await cli.RunAsync("verify", "--rebuild-balances");
        var after = await cli.RunAsync("verify");

        broken.ExitCode.Should().Be(1);
        broken.Output.Should().Contain("FAIL").And.Contain("verify.balance_mismatch");
        repaired.Output.Should().Contain("balances rebuilt");
        after.ExitCode.Should().Be(0, after.ToString());
    }

    [Fact]
    public async Task A_township_report_is_the_roll_up_of_its_villages()
    {
        await CountyWithVillageAsync();
        await cli.OkAsync("org", "add", "33010102", "西岭村", "--level", "village", "--parent", "330101");
        var a = cli.WriteFile("a.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,x,102,100,\nA,2024-03-05,x,501,,100\n");
        var b = cli.WriteFile("b.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,x,102,23,\nA,2024-03-05,x,501,,23\n");
        await cli.OkAsync("voucher", "import", a, "--org", "33010101");
        await cli.OkAsync("voucher", "import", b, "--org", "33010102");

        using var doc = JsonDocument.Parse(await cli.OkAsync("report", "income-statement", "--org", "330101", "--period", "2024-03", "--format", "json"));

        doc.RootElement.GetProperty("books").GetInt32().Should().Be(2);
        Line(doc, "经营收入").GetProperty("amount").GetDecimal().Should().Be(123m);
    }
}
