using AssetLedger.Host.Tests.CommandLine;
using ClosedXML.Excel;

namespace AssetLedger.Host.Tests.Imports;

/// <summary>The blank templates, filled in the way an accountant does in Excel, and imported back.</summary>
public sealed class TemplateImportTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>Writes the template and hands its first sheet to <paramref name="fill"/>; returns the saved file.</summary>
    private async Task<string> FilledAsync(string kind, Action<IXLWorksheet> fill, params string[] extra)
    {
        var path = Path.Combine(cli.Folder, $"{kind}-{Guid.NewGuid():N}.xlsx");
        await cli.OkAsync(["template", kind, "--out", path, .. extra]);
        using (var workbook = new XLWorkbook(path))
        {
            fill(workbook.Worksheet(1));
            workbook.Save();
        }

        return path;
    }

    private static void Row(IXLWorksheet sheet, int row, params object?[] values)
    {
        for (var c = 0; c < values.Length; c++)
        {
            switch (values[c])
            {
                case null:
                    break;
                case DateTime d:
                    sheet.Cell(row, c + 1).SetValue(d).Style.NumberFormat.Format = "yyyy/m/d";
                    break;
                case double or int or decimal:
                    sheet.Cell(row, c + 1).SetValue(Convert.ToDouble(values[c], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    sheet.Cell(row, c + 1).SetValue(values[c]!.ToString());
                    break;
            }
        }
    }

    [Fact]
    public async Task The_voucher_template_lists_the_books_accounts_and_imports_once_with_dates_and_amounts_as_Excel_keeps_them()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("account", "add", "11201", "张三", "--org", "33010101");
        var template = Path.Combine(cli.Folder, "blank.xlsx");
        await cli.OkAsync("template", "vouchers", "--out", template, "--org", "33010101");
        using (var blank = new XLWorkbook(template))
        {
            var sheet = blank.Worksheet(1);
            sheet.Name.Should().Be("凭证");
            sheet.Row(1).Cells(1, 6).Select(c => c.GetString()).Should().Equal("凭证键", "日期", "摘要", "科目", "借方金额", "贷方金额");
            var accounts = sheet.DataValidations.Single(v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == 4));
            accounts.AllowedValues.Should().Be(XLAllowedValues.List);
            blank.Worksheet("科目表").Column(1).CellsUsed().Select(c => c.GetString()).Should().Contain("11201").And.Contain("513").And.NotContain("112", "a parent account takes no postings");
        }

        var filled = await FilledAsync("vouchers", s =>
        {
            Row(s, 2, "V1", new DateTime(2024, 3, 5), "收到土地发包收入", "102", 95000.5, null);
            Row(s, 3, "V1", new DateTime(2024, 3, 5), "收到土地发包收入", "501", null, 95000.5);
            Row(s, 4, "V2", "2024-03-08", "借给张三", "11201", 800, null, "张三");
            Row(s, 5, "V2", "2024-03-08", "借给张三", "101", null, 800);
        }, "--org", "33010101");

        var first = await cli.OkAsync("voucher", "import", filled, "--org", "33010101");
        var again = await cli.OkAsync("voucher", "import", filled, "--org", "33010101");

        first.Should().Contain("posted 2 vouchers (4 postings)");
        again.Should().Contain("posted 0 vouchers").And.Contain("2 already posted");
        (await cli.OkAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03")).Should().Contain("95,000.50").And.Contain("800.00");
    }

    [Fact]
    public async Task A_workbook_with_bad_rows_names_each_sheet_row_and_column_and_writes_nothing()
    {
        await cli.CountyWithVillageAsync();
        var filled = await FilledAsync("vouchers", s =>
        {
            Row(s, 2, "V1", new DateTime(2024, 3, 5), "收款", "102", 100, null);
            Row(s, 3, "V1", new DateTime(2024, 3, 5), "收款", "9999", null, 100);
            Row(s, 4, "V2", "2024-13-40", "付款", "513", 50, null);
            Row(s, 5, "V2", "2024-13-40", "付款", "102", null, "五十");
        });

        var result = await cli.RunAsync("voucher", "import", filled, "--org", "33010101");
        var broken = cli.WriteFile("broken.xlsx", "PK\u0003\u0004 not really a zip");
        var garbage = await cli.RunAsync("voucher", "import", broken, "--org", "33010101");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("sheet 凭证, row 3").And.Contain("9999")
            .And.Contain("sheet 凭证, row 4").And.Contain("2024-13-40")
            .And.Contain("sheet 凭证, row 5, column credit").And.Contain("nothing was written");
        garbage.Error.Should().Contain("not a readable .xlsx workbook");
        (await cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().NotContain("收款");
    }

    [Fact]
    public async Task Every_register_template_imports_back_once()
    {
        await cli.CountyWithVillageAsync();
        var opening = await FilledAsync("opening", s => { Row(s, 2, "102", null, 1000, null); Row(s, 3, "151", null, 30000, null); Row(s, 4, "301", null, null, 31000); });
        var assets = await FilledAsync("assets", s => Row(s, 2, "F1", "拖拉机", "机器设备", new DateTime(2024, 1, 10), 30000, 120, "5%", "年限平均法", "生产", 0));
        var resources = await FilledAsync("resources", s => Row(s, 2, "R1", "东坡地", "耕地", 100.5));
        var contracts = await FilledAsync("contracts", s => Row(s, 2, "C1", "张三", "发包", "R1", new DateTime(2024, 3, 1), new DateTime(2026, 2, 28), null, null, 10000));
        var budgets = await FilledAsync("budgets", s => Row(s, 2, "513", 12000));

        string[][] imports =
        [
            ["opening", "import", opening, "--org", "33010101", "--year", "2024"],
            ["asset", "import", assets, "--org", "33010101"],
            ["resource", "import", resources, "--org", "33010101"],
            ["contract", "import", contracts, "--org", "33010101"],
            ["budget", "import", budgets, "--org", "33010101", "--year", "2024"],
        ];
        foreach (var args in imports)
        {
            await cli.OkAsync(args);
        }

        var again = new List<CliRunner.Result>();
        foreach (var args in imports)
        {
            again.Add(await cli.RunAsync(args));
        }

        (await cli.OkAsync("asset", "list", "--org", "33010101")).Should().Contain("拖拉机").And.Contain("30,000.00");
        (await cli.OkAsync("resource", "list", "--org", "33010101")).Should().Contain("东坡地").And.Contain("100.5");
        (await cli.OkAsync("contract", "schedule", "--org", "33010101", "--contract", "C1")).Should().Contain("10,000.00");
        (await cli.OkAsync("budget", "report", "--org", "33010101", "--period", "2024-03")).Should().Contain("12,000.00");
        again.Should().OnlyContain(r => r.ExitCode == 0, "importing the same file again changes nothing: {0}", string.Join("\n", again));
    }
}
