using System.Globalization;
using AssetLedger.Core.Common;
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

    /// <summary>The highest row and column a sheet can have (Excel's limits: 1,048,576 rows, column XFD).</summary>
    private const int MaxRow = 1_048_576;

    private const int MaxColumn = 16_384;

    /// <summary>
    /// Opens the workbook: its first sheet's name and rows, or why it cannot be read. A workbook that unpacks past the
    /// limit is refused before any of it is read; every part is read with the limit as its bound in characters, DTDs
    /// are refused (an .xlsx never has one), and broken XML, row numbers out of order or range and cell references
    /// outside a sheet end the rows with an error naming where — never an exception.
    /// </summary>
    public static (string? Sheet, IEnumerable<Outcome<SheetRow>> Rows, LedgerError? Problem) Open(Stream stream, ImportLimits limits)
    {
        var (size, readable) = UnpackedSize(stream);
        if (!readable)
        {
            return (null, [], Unreadable());
        }

        if (size > limits.MaxWorkbookBytes)
        {
            return (null, [], new LedgerError("xlsx.too_large",
                $"the workbook unpacks to {Megabytes(size)} MB, more than the {limits.MaxWorkbookMegabytes} MB an import may hold ({ImportLimits.Setting}); split it into smaller files"));
        }

        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = limits.MaxWorkbookBytes });
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            return (null, [], Unreadable());
        }

        try
        {
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                document.Dispose();
                return (null, [], new LedgerError("xlsx.unreadable", "the workbook has no worksheet"));
            }

            var name = TextRules.ForXml(sheet.Name?.Value ?? "Sheet1");
            return (name, Rows(document, workbook, part, name), null);
        }
        catch (Exception ex) when (IsBrokenXml(ex))
        {
            document.Dispose();
            return (null, [], Broken("workbook", ex));
        }
    }

    private static LedgerError Unreadable() =>
        new("xlsx.unreadable", "the file is not a readable .xlsx workbook (was it saved as Excel 2007 or later?)");

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>What the package's parts unpack to, as its zip directory declares (the parts are then read with that bound); the position is kept.</summary>
    private static (long Size, bool Readable) UnpackedSize(Stream stream)
    {
        var start = stream.Position;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return (zip.Entries.Sum(e => e.Length), true);
        }
        catch (InvalidDataException)
        {
            return (0, false);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static bool IsBrokenXml(Exception ex) =>
        ex is System.Xml.XmlException or OpenXmlPackageException or InvalidDataException or FormatException or OverflowException or InvalidOperationException or IOException
            or ArgumentException or KeyNotFoundException; // a relationship that names no part

    /// <summary>A part whose XML cannot be read: a DTD, text cut short, a part larger than the limit.</summary>
    private static LedgerError Broken(string where, Exception ex) => ex switch
    {
        System.Xml.XmlException { Message: var m } when m.Contains("DTD", StringComparison.Ordinal) => new LedgerError("xlsx.dtd",
            $"the {where} declares a DTD, which no workbook saved by Excel has; it is refused — save the file again from Excel"),
        System.Xml.XmlException { Message: var m } when m.Contains("MaxCharactersInDocument", StringComparison.Ordinal) => new LedgerError("xlsx.too_large",
            $"a part of the {where} unpacks past the limit an import may hold ({ImportLimits.Setting}); split it into smaller files"),
        System.Xml.XmlException x => new LedgerError("xlsx.broken_xml",
            $"the {where}'s XML is broken at its line {x.LineNumber}, position {x.LinePosition}; save the file again from Excel"),
        _ => new LedgerError("xlsx.broken_xml", $"the {where}'s XML cannot be read; save the file again from Excel"),
    };

    private static IEnumerable<Outcome<SheetRow>> Rows(SpreadsheetDocument document, WorkbookPart workbook, WorksheetPart part, string sheet)
    {
        using var _ = document;
        var (shared, dateStyles, partError) = ReadParts(workbook);
        if (partError is not null)
        {
            yield return partError;
            yield break;
        }

        var (opened, openError) = OpenSheet(part, sheet);
        if (openError is not null)
        {
            yield return openError;
            yield break;
        }

        using var reader = opened!;
        var previous = 0;
        while (true)
        {
            var (row, error) = NextRow(reader, shared, dateStyles, previous, sheet);
            if (error is not null)
            {
                yield return error;
                yield break;
            }

            if (row is null)
            {
                yield break;
            }

            previous = row.Number;
            yield return Outcome<SheetRow>.Success(row);
        }
    }

    /// <summary>A reader over the sheet's XML — which reads its start at once, so a sheet broken there is caught here.</summary>
    private static (OpenXmlReader? Reader, LedgerError? Error) OpenSheet(WorksheetPart part, string sheet)
    {
        try
        {
            return (OpenXmlReader.Create(part), null);
        }
        catch (Exception ex) when (IsBrokenXml(ex))
        {
            return (null, Broken($"sheet {sheet}", ex).At($"sheet {sheet}"));
        }
    }

    /// <summary>The shared strings and the date formats, or what is wrong with their XML.</summary>
    private static (string[] Shared, HashSet<uint> DateStyles, LedgerError? Error) ReadParts(WorkbookPart workbook)
    {
        try
        {
            return (SharedStrings(workbook.SharedStringTablePart), DateStyles(workbook.WorkbookStylesPart?.Stylesheet), null);
        }
        catch (Exception ex) when (IsBrokenXml(ex))
        {
            return ([], [], Broken("workbook", ex));
        }
    }

    /// <summary>The next row of the sheet, or null at its end, or what is wrong with the sheet there.</summary>
    private static (SheetRow? Row, LedgerError? Error) NextRow(OpenXmlReader reader, string[] shared, HashSet<uint> dateStyles, int previous, string sheet)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var number = previous + 1;
                if (row.RowIndex is { } index && (!int.TryParse(index.InnerText, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number <= previous || number > MaxRow))
                {
                    return (null, new LedgerError("xlsx.bad_row",
                        $"row number '{TextRules.ForXml(index.InnerText ?? string.Empty)}' is not a row after row {previous} (rows are numbered 1 to {MaxRow:N0}, in order); save the file again from Excel",
                        $"sheet {sheet}, after row {previous}"));
                }

                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = fields.Count;
                    if (cell.CellReference?.InnerText is { Length: > 0 } reference)
                    {
                        column = ColumnIndex(reference);
                        if (column < fields.Count || column >= MaxColumn)
                        {
                            return (null, new LedgerError("xlsx.bad_cell",
                                $"cell reference '{TextRules.ForXml(reference)}' is not a cell of this row after the ones before it; save the file again from Excel", $"sheet {sheet}, row {number}"));
                        }
                    }

                    while (fields.Count < column)
                    {
                        fields.Add(string.Empty);
                    }

                    fields.Add(Text(cell, shared, dateStyles));
                }

                return (new SheetRow(number, fields.ToArray()), null);
            }

            return (null, null);
        }
        catch (Exception ex) when (IsBrokenXml(ex))
        {
            return (null, Broken($"sheet {sheet}", ex).At(previous == 0 ? $"sheet {sheet}" : $"sheet {sheet}, after row {previous}"));
        }
    }

    /// <summary>The shared strings, read as a stream (an item at a time) rather than as one document.</summary>
    private static string[] SharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings.ToArray();
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

    /// <summary>"C12" → 2 (0-based); -1 when the reference does not start with a column's letters (at most three).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            if (++letters > 3)
            {
                return -1;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
