namespace AssetLedger.Core.Audit;

/// <summary>
/// Who did what, when, to what, with the state before and after as JSON. Written in the same transaction as the
/// change it records; append-only (the database refuses updates and deletes).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; init; }

    public required string Actor { get; init; }

    /// <summary>Dotted verb: <c>voucher.post</c>, <c>period.reopen</c>, <c>account.add</c>.</summary>
    public required string Action { get; init; }

    public int? BookId { get; init; }

    /// <summary>What was changed: <c>voucher 2024-03/记-0001</c>, <c>period 2024-03</c>.</summary>
    public required string Subject { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public string? Reason { get; init; }
}
