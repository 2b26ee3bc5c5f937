namespace AssetLedger.Core.Common;

/// <summary>
/// Dates as the books see them: China Standard Time (UTC+8, no daylight saving), whatever the server's zone.
/// </summary>
public static class LedgerClock
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public static DateTime UtcNow(TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
