namespace AssetLedger.Host.Reports;

public enum ReportFormat
{
    Text,
    Csv,
    Json,

    /// <summary>An Excel workbook; written to a file only.</summary>
    Xlsx,

    /// <summary>The text layout as HTML headings and tables, every value encoded: the reports on the web pages.</summary>
    Html,
}
