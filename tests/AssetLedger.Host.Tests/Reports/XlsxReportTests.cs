using AssetLedger.Host.Tests.CommandLine;
using ClosedXML.Excel;

namespace AssetLedger.Host.Tests.Reports;

/// <summary><c>report … --format xlsx --out FILE</c>: each workbook written, read back, its figures and cell types checked.</summary>
public sealed class XlsxReportTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>东风村 and 西岭村 under 城关镇; 东风村 opens 2024 with 115,000 in the bank and posts three vouchers in March.</summary>
    private async Task TwoVillagesAsync()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("org", "add", "33010102", "西岭村", "--level", "village", "--parent", "330101");
        await cli.OkAsync("opening", "import", cli.WriteFile("opening.csv", "account,counterparty,debit,credit\n102,,115000,\n301,,,100000\n32202,,,15000\n"), "--org", "33010101", "--year", "2024");
        await cli.OkAsync("voucher", "import", cli.WriteFile("v.csv", """
            key,date,summary,account,debit,credit
            1,2024-03-05,收到土地发包收入,102,"95,000.00",
            1,2024-03-05,收到土地发包收入,501,,95000
            2,2024-03-09,=1+1,513,65000.5,
            2,2024-03-09,=1+1,102,,65000.5
            3,2024-03-10,+86 电话费,513,12.34,
            3,2024-03-10,+86 电话费,101,,12.34
            """), "--org", "33010101");
        await cli.OkAsync("voucher", "import", cli.WriteFile("w.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,x,102,23,\nA,2024-03-05,x,501,,23\n"), "--org", "33010102");
    }

    private async Task<XLWorkbook> WorkbookAsync(params string[] args)
    {
        var file = Path.Combine(cli.Folder, $"{args[0]}-{args[2]}.xlsx");
        (await cli.OkAsync(["report", .. args, "--format", "xlsx", "--out", file])).Should().Contain("wrote");
        return new XLWorkbook(file);
    }

    [Fact]
    public async Task The_trial_balance_has_its_title_block_numeric_amounts_text_codes_and_totals_that_add_up()
    {
        await TwoVillagesAsync();

        using var workbook = await WorkbookAsync("trial-balance", "--org", "33010101", "--period", "2024-03");

        var sheet = workbook.Worksheets.Single();
        sheet.Name.Should().Be("东风村（33010101）");
        sheet.Cell(1, 1).GetString().Should().Be("科目余额表");
        sheet.Cell(2, 1).GetString().Should().Be("编制单位：东风村（33010101）");
        sheet.Cell(3, 1).GetString().Should().Be("期间：2024年3月");
        sheet.Cell(4, 1).GetString().Should().Be("单位：元");
        sheet.Cell(5, 1).GetString().Should().StartWith("编制人：").And.EndWith("编制日期：2026-01-15");
        var header = 6;
        sheet.Row(header).Cells(1, 10).Select(c => c.GetString()).Should().Equal("科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方", "本年累计借方", "本年累计贷方", "期末借方", "期末贷方");
        var rows = sheet.RowsUsed().Where(r => r.RowNumber() > header).ToList();
        var bank = rows.Single(r => r.Cell(1).GetString() == "102");
        bank.Cell(1).DataType.Should().Be(XLDataType.Text);
        bank.Cell(3).GetDouble().Should().Be(115_000);
        bank.Cell(3).DataType.Should().Be(XLDataType.Number);
        bank.Cell(3).Style.NumberFormat.Format.Should().Be("#,##0.00");
        bank.Cell(9).GetDouble().Should().Be(144_999.5, "115,000 + 95,000 − 65,000.50");
        var total = rows.Last();
        total.Cell(2).GetString().Should().StartWith("合计");
        var firstLevel = rows.Where(r => r.Cell(1).GetString().Length == 3).ToList();
        foreach (var column in Enumerable.Range(3, 8))
        {
            total.Cell(column).GetDouble().Should().BeApproximately(firstLevel.Sum(r => r.Cell(column).GetDouble()), 0.001, "the total is what the first-level rows add up to");
        }

        total.Cell(5).GetDouble().Should().Be(total.Cell(6).GetDouble(), "debits equal credits");
        sheet.SheetView.SplitRow.Should().Be(header);
        sheet.PageSetup.PageOrientation.Should().Be(XLPageOrientation.Landscape);
        sheet.PageSetup.PagesWide.Should().Be(1);
    }

    [Fact]
    public async Task A_township_balance_sheet_is_the_roll_up_then_one_sheet_per_village()
    {
        await TwoVillagesAsync();

        using var workbook = await WorkbookAsync("balance-sheet", "--org", "330101", "--period", "2024-03");

        workbook.Worksheets.Select(w => w.Name).Should().Equal("汇总", "东风村（33010101）", "西岭村（33010102）");
        double Closing(IXLWorksheet sheet, string item) =>
            sheet.CellsUsed().Single(c => c.GetString().Trim() == item).CellRight(3).GetDouble();
        var rollUp = workbook.Worksheet("汇总");
        rollUp.Cell(1, 1).GetString().Should().Be("资产负债表（汇总）");
        rollUp.Cell(2, 1).GetString().Should().Contain("城关镇（330101），2个账套");
        rollUp.Row(6).Cells(1, 8).Select(c => c.GetString()).Should().Equal("资产", "行次", "年初数", "期末数", "负债及所有者权益", "行次", "年初数", "期末数");
        Closing(rollUp, "资产总计").Should().Be(Closing(rollUp, "负债和所有者权益总计"), "the two sides balance");
        rollUp.PageSetup.PageOrientation.Should().Be(XLPageOrientation.Landscape);
        Closing(rollUp, "货币资金").Should().Be(Closing(workbook.Worksheet("东风村（33010101）"), "货币资金") + Closing(workbook.Worksheet("西岭村（33010102）"), "货币资金"));
        Closing(workbook.Worksheet("西岭村（33010102）"), "货币资金").Should().Be(23);
    }

    [Fact]
    public async Task The_journal_streams_every_posting_with_dates_as_dates_and_typed_text_never_a_formula()
    {
        await TwoVillagesAsync();

        using var workbook = await WorkbookAsync("journal", "--org", "33010101", "--period", "2024-03");

        var sheet = workbook.Worksheet("序时账");
        sheet.Cell(1, 1).GetString().Should().Be("序时账");
        var rows = sheet.RowsUsed().Where(r => r.RowNumber() > 6).ToList();
        rows.Should().HaveCount(7, "six postings and the total");
        var typed = rows.First(r => r.Cell(7).GetString() == "=1+1");
        typed.Cell(7).HasFormula.Should().BeFalse();
        rows.Should().Contain(r => r.Cell(7).GetString() == "+86 电话费" && !r.Cell(7).HasFormula);
        typed.Cell(2).GetDateTime().Should().Be(new DateTime(2024, 3, 9));
        typed.Cell(3).GetString().Should().Be("记-0002");
        typed.Cell(9).GetDouble().Should().Be(65_000.5);
        var total = rows.Last();
        total.Cell(7).GetString().Should().Be("合计");
        total.Cell(9).GetDouble().Should().Be(total.Cell(10).GetDouble()).And.Be(160_012.84);
        sheet.SheetView.SplitRow.Should().Be(6);
    }

    [Fact]
    public async Task The_ledger_shows_each_accounts_opening_postings_running_balance_and_totals()
    {
        await TwoVillagesAsync();

        using var workbook = await WorkbookAsync("ledger", "--org", "33010101", "--period", "2024-03", "--account", "102");

        var rows = workbook.Worksheet("明细账").RowsUsed().Where(r => r.RowNumber() > 6).Select(r => (Summary: r.Cell(6).GetString(), Balance: r.Cell(11).GetDouble())).ToList();
        rows.Should().Equal(("期初余额", 115_000), ("收到土地发包收入", 210_000), ("=1+1", 144_999.5), ("本月合计", 144_999.5), ("本年累计", 144_999.5));
    }

    [Fact]
    public async Task The_registers_budget_execution_and_alerts_are_workbooks_with_one_sheet_per_village()
    {
        await TwoVillagesAsync();
        await cli.TractorAsync("33010101");
        await cli.OkAsync("resource", "import", cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,12.35\n"), "--org", "33010102");
        await cli.OkAsync("contract", "import", cli.WriteFile("c.csv", "number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2025-01-01,2026-12-31,10000\n"), "--org", "33010102");
        await cli.OkAsync("budget", "import", cli.WriteFile("b.csv", "account,amount\n513,100000\n"), "--org", "33010101", "--year", "2024");
        await cli.OkAsync("rules", "run");
        string Out(string name) => Path.Combine(cli.Folder, name);

        await cli.OkAsync("asset", "list", "--org", "330101", "--out", Out("assets.xlsx"));
        await cli.OkAsync("resource", "list", "--org", "330101", "--out", Out("resources.xlsx"));
        await cli.OkAsync("contract", "list", "--org", "33010102", "--out", Out("contracts.xlsx"));
        await cli.OkAsync("budget", "report", "--org", "33010101", "--period", "2024-03", "--out", Out("budget.xlsx"));
        await cli.OkAsync("alerts", "list", "--out", Out("alerts.xlsx"));

        using var assets = new XLWorkbook(Out("assets.xlsx"));
        assets.Worksheets.Select(w => w.Name).Should().Equal("东风村（33010101）", "西岭村（33010102）");
        var card = assets.Worksheet(1).Row(7);
        card.Cell(3).GetString().Should().Be("拖拉机");
        card.Cell(5).GetDateTime().Should().Be(new DateTime(2024, 1, 10));
        card.Cell(6).GetDouble().Should().Be(30_000);
        card.Cell(6).Style.NumberFormat.Format.Should().Be("#,##0.00");
        using var resources = new XLWorkbook(Out("resources.xlsx"));
        resources.Worksheet("西岭村（33010102）").Row(7).Cell(5).GetDouble().Should().Be(12.35);
        using var contracts = new XLWorkbook(Out("contracts.xlsx"));
        var contract = contracts.Worksheet(1).Row(7);
        contract.Cell(2).GetString().Should().Be("C1");
        contract.Cell(7).GetDouble().Should().Be(20_000, "two years at 10,000");
        contract.Cell(8).GetDouble().Should().Be(20_000, "paid yearly in advance, 2025's and 2026's rent fell due by 2026-01-15");
        contract.Cell(9).GetDouble().Should().Be(0);
        contract.Cell(10).GetDouble().Should().Be(20_000, "nothing was received");
        using var budget = new XLWorkbook(Out("budget.xlsx"));
        var execution = budget.Worksheet(1).Row(7);
        execution.Cell(4).GetDouble().Should().Be(100_000);
        execution.Cell(5).GetDouble().Should().Be(65_012.84);
        execution.Cell(6).GetDouble().Should().BeApproximately(0.6501284, 1e-9);
        execution.Cell(6).Style.NumberFormat.Format.Should().Be("0.0%");
        using var alerts = new XLWorkbook(Out("alerts.xlsx"));
        alerts.Worksheet(1).Cell(1, 1).GetString().Should().Be("预警台账");
        alerts.Worksheet(1).Column(4).CellsUsed().Select(c => c.GetString()).Should().Contain("LARGE_TXN");
    }

    [Fact]
    public async Task The_quarterly_disclosure_shows_the_quarters_results_the_position_and_each_large_payment()
    {
        await TwoVillagesAsync();
        await cli.OkAsync("voucher", "import", cli.WriteFile("q2.csv", "key,date,summary,account,debit,credit\nQ2,2024-04-02,购买办公用品,513,4999.99,\nQ2,2024-04-02,购买办公用品,102,,4999.99\n"), "--org", "33010101");

        var notQuarter = await cli.RunAsync("report", "disclosure", "--org", "33010101", "--period", "2024-05");
        var text = await cli.OkAsync("report", "disclosure", "--org", "33010101", "--period", "2024-06");
        using var workbook = await WorkbookAsync("disclosure", "--org", "33010101", "--period", "2024-03");

        notQuarter.Error.Should().Contain("give its last month (2024-03, -06, -09 or -12)");
        text.Should().MatchRegex(@"管理费用\s+4,999.99\s+70,012.83", "the second quarter's spending beside the year's");
        text.Should().MatchRegex(@"经营收入\s+0.00\s+95,000.00").And.NotContain("购买办公用品", "4,999.99 is under the 5,000 threshold");
        var sheet = workbook.Worksheet(1);
        sheet.Cell(1, 1).GetString().Should().Be("村级财务公开表");
        sheet.Cell(3, 1).GetString().Should().Be("期间：2024年第1季度");
        var cells = sheet.CellsUsed().ToList();
        cells.Single(c => c.GetString() == "一、经营收入").CellRight().GetDouble().Should().Be(95_000);
        cells.Single(c => c.GetString() == "货币资金").CellRight().GetDouble().Should().Be(115_000, "the year's start");
        var large = cells.Where(c => c.GetString() == "三、大额收支（单笔5,000.00元及以上）").Should().ContainSingle().Which.Address.RowNumber;
        sheet.Row(large + 2).Cell(1).GetString().Should().Be("收到土地发包收入");
        sheet.Row(large + 2).Cell(4).GetDouble().Should().Be(95_000);
        sheet.Row(large + 3).Cell(4).GetDouble().Should().Be(65_000.5);
        sheet.Row(large + 4).Cell(1).GetString().Should().BeEmpty("the 12.34 phone bill is not a large payment");
    }

    [Fact]
    public async Task A_stored_character_no_workbook_can_hold_is_written_as_a_replacement_and_every_report_is_still_written()
    {
        await TwoVillagesAsync();
        // An older database may hold what input now refuses; vouchers are immutable, so the writers must cope.
        cli.Database.Scalar(cli.Database.Dialect(
            "DROP TRIGGER postings_no_update; UPDATE postings SET summary = summary || char(65535)",
            "DROP TRIGGER postings_append_only ON postings; UPDATE postings SET summary = summary || chr(65535)"));

        string Out(string name) => Path.Combine(cli.Folder, name);
        foreach (var (report, org) in new[] { ("journal", "33010101"), ("ledger", "33010101"), ("journal", "330101"), ("ledger", "3301") })
        {
            await cli.OkAsync("report", report, "--org", org, "--period", "2024-03", "--format", "xlsx", "--out", Out($"{report}-{org}.xlsx"));
        }

        using var journal = new XLWorkbook(Out("journal-33010101.xlsx"));
        journal.Worksheet("序时账").CellsUsed().Select(c => c.GetString()).Should().Contain(t => t.EndsWith('\uFFFD'));
    }

    [Fact]
    public async Task An_xlsx_report_needs_a_file()
    {
        await cli.CountyWithVillageAsync();

        var result = await cli.RunAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03", "--format", "xlsx");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("give --out FILE.xlsx");
    }
}
