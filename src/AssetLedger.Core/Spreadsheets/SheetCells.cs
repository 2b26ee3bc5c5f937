using AssetLedger.Core.Common;
using ClosedXML.Excel;

namespace AssetLedger.Core.Spreadsheets;

/// <summary>
/// How this product writes a cell with ClosedXML, so that every workbook follows the same rules: amounts are numbers
/// in 元 shown <c>#,##0.00</c>, dates are dates, codes and anything a person typed are text — marked with Excel's
/// quote prefix, so a cell never runs text that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> as a formula — and
/// a character XML cannot hold (refused on input, but the file may be older) is written as U+FFFD, so that no stored
/// text can make a workbook unwritable.
/// </summary>
public static class SheetCells
{
    public const string AmountFormat = "#,##0.00";
    public const string DateFormat = "yyyy-mm-dd";

    public static IXLCell SetText(this IXLCell cell, string? text)
    {
        cell.SetValue(TextRules.ForXml(text ?? string.Empty));
        cell.DataType = XLDataType.Text;
        cell.Style.IncludeQuotePrefix = true;
        return cell;
    }

    public static IXLCell SetAmount(this IXLCell cell, Money amount)
    {
        cell.SetValue(amount.Yuan);
        cell.Style.NumberFormat.Format = AmountFormat;
        return cell;
    }

    public static IXLCell SetDay(this IXLCell cell, DateOnly day)
    {
        cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
        cell.Style.DateFormat.Format = DateFormat;
        return cell;
    }

    /// <summary>
    /// The title block every report opens with: the title (bold, centred over the columns), then one line each for
    /// the organization, the period, the unit, who prepared it and when. Returns the first free row.
    /// </summary>
    public static int WriteTitle(this IXLWorksheet sheet, ReportTitle title, int columns)
    {
        sheet.Cell(1, 1).SetText(title.Title).Style.Font.SetBold().Font.SetFontSize(16).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Range(1, 1, 1, columns).Merge();
        var row = 2;
        foreach (var line in title.Lines)
        {
            sheet.Cell(row, 1).SetText(line);
            sheet.Range(row, 1, row, columns).Merge();
            row++;
        }

        return row;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>, unique in the workbook.</summary>
    public static string NewSheetName(this XLWorkbook workbook, string name)
    {
        var clean = new string(TextRules.ForXml(name).Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray());
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var i = 2; workbook.Worksheets.Any(w => w.Name == candidate); i++)
        {
            var suffix = $"({i})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return candidate;
    }

    /// <summary>Bold, shaded header cells with a border below, from <paramref name="firstColumn"/>.</summary>
    public static void WriteHeader(this IXLWorksheet sheet, int row, IReadOnlyList<string> headers, int firstColumn = 1)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            var cell = sheet.Cell(row, firstColumn + c).SetText(headers[c]);
            cell.Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#E7E6E6"))
                .Border.SetBottomBorder(XLBorderStyleValues.Thin).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        }
    }

    /// <summary>A4, landscape when wide, fit to one page wide, the header rows repeated, the rows above frozen.</summary>
    public static void SetPrintLayout(this IXLWorksheet sheet, int headerRow, bool landscape)
    {
        sheet.SheetView.FreezeRows(headerRow);
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = landscape ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, headerRow);
        sheet.PageSetup.CenterHorizontally = true;
    }

    /// <summary>Column widths from the text they hold (a CJK character is about two Latin ones), within bounds.</summary>
    public static void SetWidths(this IXLWorksheet sheet, IReadOnlyList<double> widths)
    {
        for (var c = 0; c < widths.Count; c++)
        {
            sheet.Column(c + 1).Width = widths[c];
        }
    }

    /// <summary>How wide a text shows, in Excel's character units: CJK and full-width characters count twice.</summary>
    public static double DisplayWidth(string? text) =>
        (text ?? string.Empty).Sum(c => c >= 0x2E80 ? 2.0 : 1.0);
}

/// <summary>A report's title and the lines under it (organization, period, unit, preparer and date).</summary>
public sealed record ReportTitle(string Title, IReadOnlyList<string> Lines)
{
    public static ReportTitle For(string title, string org, string period, string preparer, DateOnly madeOn) =>
        new(title, [$"编制单位：{org}", $"期间：{period}", "单位：元", $"编制人：{preparer}    编制日期：{madeOn:yyyy-MM-dd}"]);
}
