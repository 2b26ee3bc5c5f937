namespace AssetLedger.Rules.SplitPayment;

/// <summary>
/// A payment the rule engine has read, in SPLIT_PAYMENT's index by book, counterparty and date: derived from the
/// posting log (a full re-evaluation writes it again, harmlessly), so that a run looks back at the earlier payments
/// to the counterparties it sees through an index instead of joining the book's vouchers with their postings.
/// </summary>
public sealed class IndexedPayment
{
    public long VoucherId { get; init; }

    public int BookId { get; init; }

    public int CounterpartyId { get; init; }

    public DateOnly Date { get; init; }

    /// <summary>Paid out of cash and bank, in 分.</summary>
    public long Amount { get; init; }

    /// <summary>The voucher's number as shown, e.g. <c>2024-03/记-0007</c>.</summary>
    public required string Number { get; init; }
}
