namespace AssetLedger.Core.Periods;

/// <summary>Whether a book's month is closed (结账). A month without a row is open.</summary>
public sealed class PeriodState
{
    public int BookId { get; init; }

    public int Period { get; init; }

    public bool IsClosed { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    public required string ChangedBy { get; set; }
}
