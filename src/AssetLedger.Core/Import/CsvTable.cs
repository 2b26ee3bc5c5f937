using System.Globalization;
using System.Text;
using AssetLedger.Core.Common;
using CsvHelper;
using CsvHelper.Configuration;

namespace AssetLedger.Core.Import;

/// <summary>A column an import understands: its canonical English name and the Chinese headers accepted for it.</summary>
public sealed record CsvColumn(string Name, bool Required, params string[] Aliases);

/// <summary>
/// One data row of an import file — a CSV line or a workbook row — with its number and its fields by canonical column
/// name, and where it is, for messages: <c>line 5</c> in a CSV, <c>sheet 凭证, row 5</c> in a workbook.
/// </summary>
public sealed class CsvRow(int line, string[] fields, IReadOnlyDictionary<string, int> index, string? sheet = null)
{
    public int Line { get; } = line;

    /// <summary>The workbook sheet the row is on; null for a CSV line.</summary>
    public string? Sheet { get; } = sheet;

    /// <summary>How rows <paramref name="first"/> to <paramref name="last"/> of a file are named: lines of a CSV, rows of a sheet.</summary>
    public static string Span(string? sheet, int first, int last) =>
        (sheet is null ? string.Empty : $"sheet {sheet}, ") + (first == last ? $"{(sheet is null ? "line" : "row")} {first}" : $"{(sheet is null ? "lines" : "rows")} {first}-{last}");

    /// <summary>Where the row is, for an error's location.</summary>
    public string Where => Span(Sheet, Line, Line);

    /// <summary>Where one of the row's fields is.</summary>
    public string At(string column) => $"{Where}, column {column}";

    public string Get(string column) =>
        index.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : string.Empty;

    public bool IsBlank => fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads an import file with a header row — a UTF-8 CSV file, or an .xlsx workbook (its first sheet), told apart by
/// their first bytes — into rows keyed by canonical column names, accepting the Chinese headers accountants use.
/// Anything wrong with the file itself (not UTF-8, not a workbook, unknown or missing columns, broken quoting) comes
/// back as errors naming the line or row, never as an exception.
/// </summary>
public static class CsvTable
{
    /// <summary>
    /// Synchronous on purpose: a file is read on the thread that consumes it (the posting path gives it a core of its
    /// own), and async reads of a synchronous FileStream would only queue work to the thread pool.
    /// </summary>
    public static IEnumerable<Outcome<CsvRow>> Read(Stream stream, IReadOnlyList<CsvColumn> columns, ImportLimits limits, CancellationToken ct = default)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        return WorkbookRows.IsWorkbook(stream) ? ReadWorkbook(stream, columns, limits, ct) : ReadCsv(stream, columns, ct);
    }

    private static IEnumerable<Outcome<CsvRow>> ReadWorkbook(Stream stream, IReadOnlyList<CsvColumn> columns, ImportLimits limits, CancellationToken ct)
    {
        var (sheet, rows, problem) = WorkbookRows.Open(stream, limits);
        if (problem is not null)
        {
            yield return problem;
            yield break;
        }

        Dictionary<string, int>? index = null;
        string?[]? columnAt = null;
        var any = false;
        foreach (var read in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (!read.Succeeded)
            {
                yield return Outcome<CsvRow>.Failure(read.Errors);
                yield break;
            }

            var row = read.Value;
            if (row.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (index is null)
            {
                index = MapHeader(row.Fields, columns, out var headerErrors);
                columnAt = ColumnsAt(index);
                if (headerErrors.Count > 0)
                {
                    foreach (var e in headerErrors)
                    {
                        yield return e.At($"sheet {sheet}, row {row.Number} (header)");
                    }

                    yield break;
                }

                continue;
            }

            any = true;
            var csvRow = new CsvRow(row.Number, row.Fields, index, sheet);
            yield return Checked(csvRow, row.Fields, columnAt!);
        }

        if (index is null)
        {
            yield return new LedgerError("xlsx.empty", $"sheet {sheet} is empty; it needs a header row and at least one data row");
        }
        else if (!any)
        {
            yield return new LedgerError("csv.no_rows", $"sheet {sheet} has a header row but no data rows");
        }
    }

    private static IEnumerable<Outcome<CsvRow>> ReadCsv(Stream stream, IReadOnlyList<CsvColumn> columns, CancellationToken ct)
    {
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        using var text = new StreamReader(stream, strictUtf8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = args => badData ??= args.RawRecord,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);

        var header = Next(csv);
        if (header.Error is not null)
        {
            yield return header.Error.At("line 1");
            yield break;
        }

        if (!header.HasRow)
        {
            yield return new LedgerError("csv.empty", "the file is empty; it needs a header row and at least one data row");
            yield break;
        }

        var headerFields = csv.Parser.Record ?? [];
        var index = MapHeader(headerFields, columns, out var headerErrors);
        var columnAt = ColumnsAt(index);
        if (headerErrors.Count > 0)
        {
            foreach (var e in headerErrors)
            {
                yield return e.At("line 1 (header)");
            }

            yield break;
        }

        var any = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            badData = null;
            var next = Next(csv);
            var line = csv.Parser.RawRow;
            if (next.Error is not null)
            {
                yield return next.Error.At($"line {line}");
                yield break;
            }

            if (!next.HasRow)
            {
                break;
            }

            var fields = csv.Parser.Record ?? []; // fields are parsed (and bad data found) only when read
            if (badData is not null)
            {
                yield return new LedgerError("csv.bad_quoting", "a quoted field is not closed or has a stray quote", $"line {line}");
                continue;
            }

            if (fields.Any(f => f.Contains('\n', StringComparison.Ordinal) || f.Contains('\r', StringComparison.Ordinal)))
            {
                yield return new LedgerError("csv.bad_quoting",
                    "a quoted field runs over several lines: is a closing quote missing?", $"line {line}");
                continue;
            }

            var row = new CsvRow(line, fields, index);
            if (row.IsBlank)
            {
                continue;
            }

            any = true;
            yield return Checked(row, fields, columnAt);
        }

        if (!any)
        {
            yield return new LedgerError("csv.no_rows", "the file has a header row but no data rows");
        }
    }

    /// <summary>
    /// The row, or what is wrong with its fields as such: a value in a column the header does not name (a field past
    /// the header, or under a blank header cell) is an error, not silently dropped; a character that cannot be stored
    /// is refused where it is, before any import reads the field.
    /// </summary>
    private static Outcome<CsvRow> Checked(CsvRow row, string[] fields, string?[] columnAt)
    {
        List<LedgerError>? errors = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var column = i < columnAt.Length ? columnAt[i] : null;
            if (column is null)
            {
                if (!string.IsNullOrWhiteSpace(fields[i]))
                {
                    (errors ??= []).Add(new LedgerError("csv.extra_field",
                        $"there is a value in field {i + 1} ('{Shorten(fields[i])}') under no column of the header; give it a header or remove it", row.Where));
                }
            }
            else if (TextRules.Storable($"column {column}", fields[i]) is { } unstorable)
            {
                (errors ??= []).Add(unstorable.At(row.At(column)));
            }
        }

        return errors is null ? Outcome<CsvRow>.Success(row) : Outcome<CsvRow>.Failure(errors);
    }

    /// <summary>The canonical column at each position of the header; null where the header names none.</summary>
    private static string?[] ColumnsAt(Dictionary<string, int> index)
    {
        var at = new string?[index.Count == 0 ? 0 : index.Values.Max() + 1];
        foreach (var (name, i) in index)
        {
            at[i] = name;
        }

        return at;
    }

    private static string Shorten(string text) => TextRules.ForXml(text.Length > 20 ? text[..20] + "…" : text);

    private static (bool HasRow, LedgerError? Error) Next(CsvReader csv)
    {
        try
        {
            return (csv.Read(), null);
        }
        catch (DecoderFallbackException)
        {
            return (false, new LedgerError("csv.not_utf8",
                "the file is not UTF-8 text; in Excel, save it as \"CSV UTF-8 (逗号分隔)\""));
        }
        catch (CsvHelperException ex)
        {
            return (false, new LedgerError("csv.malformed", $"the file is not readable as CSV: {ex.GetType().Name}"));
        }
    }

    private static Dictionary<string, int> MapHeader(string[] header, IReadOnlyList<CsvColumn> columns, out List<LedgerError> errors)
    {
        errors = [];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var h = header[i].Trim().TrimStart('\uFEFF');
            if (h.Length == 0)
            {
                continue;
            }

            var column = columns.FirstOrDefault(c =>
                string.Equals(c.Name, h, StringComparison.OrdinalIgnoreCase) || c.Aliases.Contains(h, StringComparer.Ordinal));
            if (column is null)
            {
                errors.Add(new LedgerError("csv.unknown_column",
                    $"column '{h}' is not one this import understands (expected: {string.Join(", ", columns.Select(Describe))})"));
            }
            else if (!index.TryAdd(column.Name, i))
            {
                errors.Add(new LedgerError("csv.duplicate_column", $"column '{h}' appears twice (as {column.Name})"));
            }
        }

        foreach (var c in columns.Where(c => c.Required && !index.ContainsKey(c.Name)))
        {
            errors.Add(new LedgerError("csv.missing_column", $"the required column {Describe(c)} is missing"));
        }

        return index;
    }

    private static string Describe(CsvColumn c) => c.Aliases.Length == 0 ? c.Name : $"{c.Name} ({string.Join("/", c.Aliases)})";

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日"];

    /// <summary>Parses the date formats accountants' spreadsheets produce.</summary>
    public static Outcome<DateOnly> ParseDate(string text)
    {
        var s = text.AsSpan().Trim();
        if (TryParseIsoDate(s, out var iso))
        {
            return Outcome<DateOnly>.Success(iso); // the common case, without the general parser's cost
        }

        return DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? Outcome<DateOnly>.Success(d)
            : new LedgerError("date.invalid", $"'{text}' is not a date: write it as YYYY-MM-DD, for example 2024-03-05");
    }

    private static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(s[8..], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>An amount cell: blank means zero.</summary>
    public static Outcome<Money> ParseAmount(string text) => Money.ParseOrZero(text);
}
