namespace AssetLedger.Host.Reports;

public enum ReportFormat
{
    Text,
    Csv,
    Json,

    /// <summary>An Excel workbook; written to a file only.</summary>
    Xlsx,
}
