using AssetLedger.Core.Common;
using AssetLedger.Core.Spreadsheets;
using AssetLedger.Rules.Alerts;
using ClosedXML.Excel;

namespace AssetLedger.Rules.Notifications;

/// <summary>One alert as a row of the 预警清单 workbook, with the names a reader needs.</summary>
public sealed record AlertRow(Alert Alert, string OrgCode, string OrgName, string RuleName, string Link);

/// <summary>
/// 预警清单 as an .xlsx (ClosedXML): title, when it was made and the unit; one row per alert with amounts as numbers
/// (#,##0.00), dates as dates, codes as text; frozen header; A4 landscape, fit to width, header repeated on every
/// page. Text that people typed reaches the cells as text only: a cell never runs it as a formula.
/// </summary>
public static class AlertWorkbook
{
    private static readonly string[] Headers = ["编号", "组织代码", "组织", "规则", "规则名称", "严重程度", "状态", "金额（元）", "发生日期", "说明", "链接"];

    public static byte[] Build(string title, string madeAt, IReadOnlyList<AlertRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("预警清单");
        sheet.Cell(1, 1).SetText(title).Style.Font.SetBold().Font.SetFontSize(14);
        sheet.Cell(2, 1).SetText($"生成时间：{madeAt}    单位：元");
        sheet.WriteHeader(3, Headers);

        var r = 4;
        foreach (var row in rows)
        {
            var a = row.Alert;
            sheet.Cell(r, 1).SetValue(a.Id);
            sheet.Cell(r, 2).SetText(row.OrgCode);
            sheet.Cell(r, 3).SetText(row.OrgName);
            sheet.Cell(r, 4).SetText(a.RuleId);
            sheet.Cell(r, 5).SetText(row.RuleName);
            sheet.Cell(r, 6).SetText(SeverityNames.Chinese(a.Severity));
            sheet.Cell(r, 7).SetText(StateNames.Chinese(a.State));
            sheet.Cell(r, 8).SetAmount(Money.FromFen(a.Amount));
            sheet.Cell(r, 9).SetDay(a.OccurredOn);
            sheet.Cell(r, 10).SetText(a.Explanation).Style.Alignment.SetWrapText();
            sheet.Cell(r, 11).SetText(row.Link);
            r++;
        }

        sheet.SetWidths([8, 12, 14, 20, 16, 10, 10, 16, 12, 80, 36]);
        sheet.SetPrintLayout(headerRow: 3, landscape: true);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}

/// <summary>Alert states in Chinese, as the mails and workbooks show them.</summary>
public static class StateNames
{
    public static string Chinese(AlertState s) => s switch
    {
        AlertState.Open => "待处理",
        AlertState.Acknowledged => "已确认",
        AlertState.Resolved => "已办结",
        _ => "已排除",
    };
}
