using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Import;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Spreadsheets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Budgets;
using ClosedXML.Excel;

namespace AssetLedger.Host.Imports;

/// <summary>What a blank template is for: the import that reads it back.</summary>
public enum TemplateKind
{
    Vouchers,
    Opening,
    Assets,
    Resources,
    Contracts,
    Budgets,
}

/// <summary>
/// Blank .xlsx templates for the imports, made from the imports' own column definitions (so a template and its import
/// never disagree): the first sheet has the header row (the Chinese names accountants use; required ones in bold)
/// and drop-down lists where a column takes known values — account codes (the book's chart with its detail accounts,
/// or the standard chart), resource types and modes, depreciation methods and uses, contract kinds and payment terms —
/// kept on a hidden sheet; a second sheet says what each column takes. Filled in, it goes back through the same
/// <c>… import FILE.xlsx</c> as a CSV file.
/// </summary>
internal static class ImportTemplates
{
    private const int Rows = 5000;

    private sealed record Template(string Sheet, IReadOnlyList<CsvColumn> Columns, IReadOnlyDictionary<string, IReadOnlyList<string>> Lists);

    public static byte[] Build(TemplateKind kind, IReadOnlyList<(string Code, string Name)> accounts)
    {
        var accountCodes = accounts.Select(a => a.Code).ToList();
        var template = kind switch
        {
            TemplateKind.Vouchers => new Template("凭证", VoucherCsvReader.Columns, new Dictionary<string, IReadOnlyList<string>> { ["account"] = accountCodes }),
            TemplateKind.Opening => new Template("期初余额", OpeningBalanceImport.Columns, new Dictionary<string, IReadOnlyList<string>> { ["account"] = accountCodes }),
            TemplateKind.Assets => new Template("固定资产", AssetRegister.Columns, new Dictionary<string, IReadOnlyList<string>>
            {
                ["method"] = ["年限平均法", "工作量法"], ["use"] = ["生产", "管理", "公益"],
            }),
            TemplateKind.Resources => new Template("资源", ResourceRegister.Columns, new Dictionary<string, IReadOnlyList<string>>
            {
                ["type"] = [.. ResourceNames.Types.Keys], ["mode"] = [.. ResourceNames.Modes.Keys],
            }),
            TemplateKind.Contracts => new Template("合同", ContractRegister.Columns, new Dictionary<string, IReadOnlyList<string>>
            {
                ["kind"] = ["发包", "租赁"], ["payment"] = ["每年预付", "分期", "一次性"],
            }),
            _ => new Template("预算", BudgetService.Columns, new Dictionary<string, IReadOnlyList<string>> { ["account"] = accountCodes }),
        };

        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(template.Sheet);
        var help = workbook.Worksheets.Add("填写说明");
        var lists = workbook.Worksheets.Add("lists");
        lists.Visibility = XLWorksheetVisibility.VeryHidden;

        help.WriteHeader(1, ["列", "必填", "填写内容"]);
        var listColumn = 1;
        for (var c = 0; c < template.Columns.Count; c++)
        {
            var column = template.Columns[c];
            var header = column.Aliases.Length > 0 ? column.Aliases[0] : column.Name;
            var cell = sheet.Cell(1, c + 1).SetText(header);
            cell.Style.Font.SetBold(column.Required).Fill.SetBackgroundColor(XLColor.FromHtml("#E7E6E6"));
            sheet.Column(c + 1).Width = Math.Max(10, SheetCells.DisplayWidth(header) + 4);
            var data = sheet.Range(2, c + 1, Rows + 1, c + 1);
            data.Style.NumberFormat.Format = "@"; // typed values stay as typed: codes keep their leading zeros

            help.Cell(c + 2, 1).SetText(header);
            help.Cell(c + 2, 2).SetText(column.Required ? "是" : "否");
            if (template.Lists.TryGetValue(column.Name, out var values) && values.Count > 0)
            {
                lists.Cell(1, listColumn).SetText(header);
                for (var i = 0; i < values.Count; i++)
                {
                    lists.Cell(i + 2, listColumn).SetText(values[i]);
                }

                var source = lists.Range(2, listColumn, values.Count + 1, listColumn);
                var validation = data.SetDataValidation();
                validation.List(source, true);
                validation.IgnoreBlanks = true;
                validation.ErrorTitle = header;
                validation.ErrorMessage = $"请从下拉列表中选择{header}";
                help.Cell(c + 2, 3).SetText($"从下拉列表选择，如：{string.Join("、", values.Take(5))}{(values.Count > 5 ? "……" : string.Empty)}");
                listColumn++;
            }
            else
            {
                help.Cell(c + 2, 3).SetText(Describe(column));
            }
        }

        if (kind is TemplateKind.Vouchers or TemplateKind.Opening or TemplateKind.Budgets)
        {
            var names = workbook.Worksheets.Add("科目表");
            names.WriteHeader(1, ["科目编码", "科目名称"]);
            for (var i = 0; i < accounts.Count; i++)
            {
                names.Cell(i + 2, 1).SetText(accounts[i].Code);
                names.Cell(i + 2, 2).SetText(accounts[i].Name);
            }

            names.SetWidths([12, 40]);
        }

        sheet.SheetView.FreezeRows(1);
        help.SetWidths([16, 6, 70]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Describe(CsvColumn column) => column.Name switch
    {
        "date" or "acquired" or "start" or "end" => "日期，如 2024-03-05",
        "debit" or "credit" or "cost" or "accumulated" or "amount" or "annual_amount" or "deposit" or "unit_price" => "金额（元），最多两位小数",
        "key" => "同一张凭证的各行填相同的键",
        var m when m.StartsWith('m') && m.Length <= 3 => "该月预算金额（元）；各月之和须等于全年预算",
        _ => "文字",
    };
}
