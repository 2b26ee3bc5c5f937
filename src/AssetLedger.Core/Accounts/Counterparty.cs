namespace AssetLedger.Core.Accounts;

/// <summary>A 往来单位 or person that postings to counterparty accounts name, one row per distinct name per book.</summary>
public sealed class Counterparty
{
    public int Id { get; set; }

    public int BookId { get; init; }

    public required string Name { get; init; }
}
