namespace AssetLedger.Host.Reports;

public enum ReportFormat
{
    Text,
    Csv,
    Json,
}
