using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Spreadsheets;
using ClosedXML.Excel;

namespace AssetLedger.Host.Reports;

/// <summary>A rate shown as a percentage (执行率).</summary>
internal readonly record struct Percent(decimal Value);

/// <summary>
/// A register or list as the command line shows it — 固定资产台账, 资源台账, 合同台账, 预算执行表 — built once and written
/// either as a text table or as an .xlsx sheet (title block, typed cells: <see cref="Money"/> as amounts,
/// <see cref="DateOnly"/> as dates, <see cref="Percent"/> as percentages, numbers as numbers, the rest as text).
/// A roll-up gives one sheet per book.
/// </summary>
internal sealed class TableReport(string title, IReadOnlyList<(string Header, bool RightAligned, double Width)> columns)
{
    private readonly List<(string Sheet, string Org, string? Period, List<object?[]> Rows)> sheets = [];

    public string Title { get; } = title;

    /// <summary>Starts the rows of one book (or of the whole list): a sheet of its own in a workbook.</summary>
    public void Sheet(string name, string org, string? period = null) => sheets.Add((name, org, period, []));

    public void Add(params object?[] cells) => sheets[^1].Rows.Add(cells);

    public void WriteText(TextWriter output)
    {
        var table = new TextTable(columns.Select(c => (c.Header, c.RightAligned)).ToArray());
        foreach (var row in sheets.SelectMany(s => s.Rows))
        {
            table.Add([.. row.Select(Text), .. Enumerable.Repeat(string.Empty, columns.Count - row.Length)]);
        }

        table.Write(output);
    }

    public void WriteXlsx(Stream output, WorkbookMaker maker)
    {
        using var workbook = new XLWorkbook();
        foreach (var (name, org, period, rows) in sheets)
        {
            var sheet = workbook.Worksheets.Add(workbook.NewSheetName(name));
            var headerRow = sheet.WriteTitle(ReportTitle.For(Title, org, period ?? "截至" + maker.MadeOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), maker.Preparer, maker.MadeOn), columns.Count);
            sheet.WriteHeader(headerRow, columns.Select(c => c.Header).ToList());
            var r = headerRow + 1;
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    Write(sheet.Cell(r, c + 1), row[c]);
                }

                r++;
            }

            sheet.SetWidths(columns.Select(c => c.Width).ToList());
            sheet.SetPrintLayout(headerRow, landscape: columns.Sum(c => c.Width) > 100);
        }

        workbook.SaveAs(output);
    }

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case Money m:
                cell.SetAmount(m);
                break;
            case DateOnly d:
                cell.SetDay(d);
                break;
            case Percent p:
                cell.SetValue(p.Value).Style.NumberFormat.Format = "0.0%";
                break;
            case int or long or decimal or double:
                cell.SetValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            default:
                cell.SetText(value.ToString());
                break;
        }
    }

    private static string Text(object? cell) => cell switch
    {
        null => string.Empty,
        Money m => m.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Percent p => (p.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };
}
