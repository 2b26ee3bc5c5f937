namespace AssetLedger.Core.Import;

/// <summary>
/// How much an import file may hold once unpacked: an .xlsx is a zip of XML, and a small upload can unpack to
/// gigabytes (a "zip bomb"). A workbook whose parts unpack past <see cref="MaxWorkbookMegabytes"/> is refused before
/// anything is read, and no part is read past that many characters, so that reading one costs bounded memory.
/// Set with <c>Imports:MaxWorkbookMegabytes</c> (<c>Imports__MaxWorkbookMegabytes</c>).
/// </summary>
public sealed record ImportLimits(int MaxWorkbookMegabytes)
{
    public const string Setting = "Imports:MaxWorkbookMegabytes";

    /// <summary>100 MB: a workbook of 100,000 voucher lines unpacks to about a third of it.</summary>
    public static ImportLimits Default { get; } = new(100);

    public long MaxWorkbookBytes => MaxWorkbookMegabytes * 1024L * 1024L;
}
