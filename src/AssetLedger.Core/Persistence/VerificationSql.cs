namespace AssetLedger.Core.Persistence;

/// <summary>
/// The SQL of <c>verify</c>'s scan (<c>Verification/LedgerScan</c>): every book, or the books named (their ids, which
/// come from the database, never from input). Columns travel packed (book and period, account and counterparty as one
/// integer): every column read is a native call per row.
/// </summary>
public static class VerificationSql
{
    private static string Where(string column, IReadOnlyList<int>? books) =>
        books is null ? string.Empty : $"WHERE {column} IN ({string.Join(",", books.DefaultIfEmpty(-1))})";

    /// <summary>The maintained balances.</summary>
    public static string Maintained(IReadOnlyList<int>? books) => $"""
        SELECT CAST(book_id AS BIGINT) * 1000000 + period, account_id * 4294967296 + counterparty_key, debit, credit, year_end_debit, year_end_credit
        FROM account_balances {Where("book_id", books)}
        """;

    /// <summary>The vouchers in id order: where their lines are, whether they close a year, what they reverse.</summary>
    public static string Vouchers(IReadOnlyList<int>? books) => $"""
        SELECT id, CAST(book_id AS BIGINT) * 1000000 + period, number, first_posting_id, line_count,
               COALESCE(reverses_voucher_id, 0) * 2 + CASE WHEN kind = '{nameof(AssetLedger.Core.Vouchers.VoucherKind.YearEndClose)}' THEN 1 ELSE 0 END
        FROM vouchers {Where("book_id", books)} ORDER BY id
        """;

    /// <summary>A range of the posting log (<c>@from</c> ≤ id &lt; <c>@to</c>) in id order.</summary>
    public static string Postings(IReadOnlyList<int>? books) => books is null
        ? """
          SELECT id, voucher_id, account_id * 4294967296 + COALESCE(counterparty_id, 0), debit, credit FROM postings
          WHERE id >= @from AND id < @to ORDER BY id
          """
        : $"""
          SELECT p.id, p.voucher_id, p.account_id * 4294967296 + COALESCE(p.counterparty_id, 0), p.debit, p.credit
          FROM vouchers v JOIN postings p ON p.id >= v.first_posting_id AND p.id < v.first_posting_id + v.line_count
          {Where("v.book_id", books)} AND p.id >= @from AND p.id < @to ORDER BY p.id
          """;

    /// <summary>The opening balances, summed by book, account, counterparty and year.</summary>
    public static string OpeningBalances(IReadOnlyList<int>? books) => $"""
        SELECT s.book_id, l.account_id, COALESCE(l.counterparty_id, 0), s.year, SUM(l.debit), SUM(l.credit)
        FROM opening_balance_lines l JOIN opening_balance_sets s ON s.id = l.set_id
        {Where("s.book_id", books)}
        GROUP BY s.book_id, l.account_id, l.counterparty_id, s.year
        """;

    /// <summary>The books and months whose numbers do not run 1…n (from the covering index).</summary>
    public static string NumberingGaps(IReadOnlyList<int>? books) => $"""
        SELECT book_id, period, COUNT(*), MIN(number), MAX(number) FROM vouchers
        {Where("book_id", books)}
        GROUP BY book_id, period HAVING MIN(number) <> 1 OR MAX(number) <> COUNT(*)
        """;
}
