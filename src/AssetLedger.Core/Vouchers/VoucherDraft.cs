using AssetLedger.Core.Common;

namespace AssetLedger.Core.Vouchers;

/// <summary>A voucher as submitted, before validation: accounts as typed, amounts already parsed.</summary>
public sealed record VoucherDraft(
    string Key,
    DateOnly Date,
    IReadOnlyList<VoucherLineDraft> Lines,
    string? Resolution = null,
    int AttachmentCount = 0,
    string? Preparer = null)
{
    public VoucherKind Kind { get; init; } = VoucherKind.Normal;

    public long? ReversesVoucherId { get; init; }
}

/// <summary>One line: an account (code, or code and name), a summary (摘要), one side, and a counterparty if any.</summary>
public sealed record VoucherLineDraft(string Account, string Summary, Money Debit, Money Credit, string? Counterparty = null);

/// <summary>A draft with where it came from (a file's lines), so that every error can say where it is.</summary>
/// <param name="FileLines">For a draft read from a file, the file line of each voucher line, so that line errors
/// name the file's line rather than the line's place within the voucher.</param>
/// <param name="Sheet">For a draft read from a workbook, its sheet (the file lines are then sheet rows).</param>
public sealed record SourcedDraft(VoucherDraft? Draft, string Location, IReadOnlyList<LedgerError> Errors, IReadOnlyList<int>? FileLines = null, string? Sheet = null)
{
    public static SourcedDraft Of(VoucherDraft draft, string location, IReadOnlyList<int>? fileLines = null, string? sheet = null) =>
        new(draft, location, [], fileLines, sheet);

    /// <summary>Where the voucher as a whole is: in a file, its lines and its key (<c>lines 6-7 (voucher C)</c>); otherwise the location given.</summary>
    public string VoucherLocation => FileLines is null ? Location : $"{Location} (voucher {Draft?.Key})";

    /// <summary>Where line <paramref name="index"/> (0-based) of the voucher is.</summary>
    public string LineLocation(int index) =>
        FileLines is { } lines && index < lines.Count ? Import.CsvRow.Span(Sheet, lines[index], lines[index]) : $"{Location}, line {index + 1}";
}
