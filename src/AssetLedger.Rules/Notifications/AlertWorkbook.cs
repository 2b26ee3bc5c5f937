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
        Text(sheet.Cell(1, 1), title).Style.Font.SetBold().Font.SetFontSize(14);
        Text(sheet.Cell(2, 1), $"生成时间：{madeAt}    单位：元");
        for (var c = 0; c < Headers.Length; c++)
        {
            Text(sheet.Cell(3, c + 1), Headers[c]).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.LightGray);
        }

        var r = 4;
        foreach (var row in rows)
        {
            var a = row.Alert;
            sheet.Cell(r, 1).SetValue(a.Id);
            Text(sheet.Cell(r, 2), row.OrgCode);
            Text(sheet.Cell(r, 3), row.OrgName);
            Text(sheet.Cell(r, 4), a.RuleId);
            Text(sheet.Cell(r, 5), row.RuleName);
            Text(sheet.Cell(r, 6), SeverityNames.Chinese(a.Severity));
            Text(sheet.Cell(r, 7), StateNames.Chinese(a.State));
            sheet.Cell(r, 8).SetValue(a.Amount / 100m).Style.NumberFormat.SetFormat("#,##0.00");
            sheet.Cell(r, 9).SetValue(a.OccurredOn.ToDateTime(TimeOnly.MinValue)).Style.DateFormat.SetFormat("yyyy-mm-dd");
            Text(sheet.Cell(r, 10), a.Explanation).Style.Alignment.SetWrapText();
            Text(sheet.Cell(r, 11), row.Link);
            r++;
        }

        double[] widths = [8, 12, 14, 20, 16, 10, 10, 16, 12, 80, 36];
        for (var c = 0; c < widths.Length; c++)
        {
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.SheetView.FreezeRows(3);
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(3, 3);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A text cell: stored as a string, marked with Excel's quote prefix, never a formula.</summary>
    private static IXLCell Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        cell.Style.IncludeQuotePrefix = true;
        return cell;
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
