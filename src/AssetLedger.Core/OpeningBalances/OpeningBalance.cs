namespace AssetLedger.Core.OpeningBalances;

/// <summary>The opening balances (期初余额) a book starts from, set once: immutable like postings.</summary>
public sealed class OpeningBalanceSet
{
    public int Id { get; set; }

    public int BookId { get; init; }

    /// <summary>The first year of the book: its balances are the balances at 1 January of that year.</summary>
    public int Year { get; init; }

    public required string ContentHash { get; init; }

    public DateTime ImportedAtUtc { get; init; }

    public required string ImportedBy { get; init; }

    public List<OpeningBalanceLine> Lines { get; init; } = [];
}

public sealed class OpeningBalanceLine
{
    public long Id { get; set; }

    public int SetId { get; init; }

    public int AccountId { get; init; }

    public int? CounterpartyId { get; init; }

    public long Debit { get; init; }

    public long Credit { get; init; }
}
