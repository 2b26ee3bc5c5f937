namespace AssetLedger.Core.Balances;

/// <summary>
/// Derived data: the debits and credits of one account (and counterparty) in one period, maintained in the same
/// transaction as every posting, so that statements read O(accounts) rows instead of O(postings).
/// Period month 0 holds the opening balances (期初余额). <c>verify</c> rebuilds these rows from the postings and
/// compares.
/// </summary>
public sealed class AccountBalance
{
    public int BookId { get; init; }

    public int AccountId { get; init; }

    /// <summary>The counterparty's id, or 0 for postings without one.</summary>
    public int CounterpartyKey { get; init; }

    public int Period { get; init; }

    /// <summary>All debits of the period, in 分, year-end closing entries included.</summary>
    public long Debit { get; set; }

    public long Credit { get; set; }

    /// <summary>The part of <see cref="Debit"/> that year-end closing vouchers posted (not income or spending).</summary>
    public long YearEndDebit { get; set; }

    public long YearEndCredit { get; set; }
}
