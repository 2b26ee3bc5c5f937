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
            sheet.RowsUsed().Single(r => r.Cell(1).GetString().Trim() == item).Cell(4).GetDouble();
        var rollUp = workbook.Worksheet("汇总");
        rollUp.Cell(1, 1).GetString().Should().Be("资产负债表（汇总）");
        rollUp.Cell(2, 1).GetString().Should().Contain("城关镇（330101），2个账套");
        rollUp.Row(6).Cells(1, 4).Select(c => c.GetString()).Should().Equal("项目", "行次", "年初数", "期末数");
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
    public async Task An_xlsx_report_needs_a_file()
    {
        await cli.CountyWithVillageAsync();

        var result = await cli.RunAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03", "--format", "xlsx");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("give --out FILE.xlsx");
    }
}
