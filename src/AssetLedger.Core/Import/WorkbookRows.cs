using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AssetLedger.Core.Import;

/// <summary>
/// The rows of an .xlsx workbook's first sheet as text, read as a stream (DocumentFormat.OpenXml's
/// <see cref="OpenXmlReader"/>), so that a large import costs no more memory than its CSV: shared and inline strings
/// as written, numbers exactly as stored, date-formatted numbers as <c>yyyy-MM-dd</c>, formulas by their cached
/// result. The templates keep their lists on later sheets; what a person fills in is the first.
/// </summary>
internal static class WorkbookRows
{
    /// <summary>Whether the stream holds a zip package (an .xlsx) rather than text; the position is kept.</summary>
    public static bool IsWorkbook(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var start = stream.Position;
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    public sealed record SheetRow(int Number, string[] Fields);

    /// <summary>Opens the workbook: its first sheet's name and rows, or why it cannot be read.</summary>
    public static (string? Sheet, IEnumerable<SheetRow> Rows, string? Problem) Open(Stream stream)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            return (null, [], "the file is not a readable .xlsx workbook (was it saved as Excel 2007 or later?)");
        }

        var workbook = document.WorkbookPart;
        var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            document.Dispose();
            return (null, [], "the workbook has no worksheet");
        }

        return (sheet.Name?.Value ?? "Sheet1", Rows(document, workbook, part), null);
    }

    private static IEnumerable<SheetRow> Rows(SpreadsheetDocument document, WorkbookPart workbook, WorksheetPart part)
    {
        using var _ = document;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var dateStyles = DateStyles(workbook.WorkbookStylesPart?.Stylesheet);
        using var reader = OpenXmlReader.Create(part);
        var fields = new List<string>();
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                var row = (Row)reader.LoadCurrentElement()!;
                rowNumber = (int?)row.RowIndex?.Value ?? rowNumber + 1;
                fields.Clear();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add(string.Empty);
                    }

                    fields.Add(Text(cell, shared, dateStyles));
                }

                yield return new SheetRow(rowNumber, fields.ToArray());
            }
        }
    }

    private static string Text(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var value = cell.CellValue?.Text ?? string.Empty;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return value == "1" ? "TRUE" : "FALSE";
        }

        if (type == CellValues.Date)
        {
            return value.Length >= 10 ? value[..10] : value;
        }

        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return value;
    }

    /// <summary>The cell formats whose number format shows a date (the built-in ones, or a custom one with y or d).</summary>
    private static HashSet<uint> DateStyles(Stylesheet? styles)
    {
        var result = new HashSet<uint>();
        if (styles?.CellFormats is null)
        {
            return result;
        }

        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? string.Empty) ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            var isDate = id is >= 14 and <= 22 or >= 45 and <= 47 or >= 27 and <= 36 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && IsDateCode(code));
            if (isDate)
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static bool IsDateCode(string code)
    {
        var inQuotes = false;
        foreach (var c in code)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (c is 'y' or 'Y' or 'd' or 'D' || c == '年' || c == '日'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"C12" → 2 (0-based).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
