namespace AssetLedger.Core.Persistence;

/// <summary>
/// The ledger's hand-written SQL, in one place beside the rest of the persistence: plain SQL that both engines run
/// (<c>INSERT … ON CONFLICT</c>, no engine's functions), bound by name and executed by <see cref="BulkInsert"/>,
/// <see cref="BulkQuery"/> or a prepared command where it is used.
/// </summary>
public static class LedgerSql
{
    /// <summary>A voucher, once per key: a retried submission finds the key taken.</summary>
    public const string InsertVoucher = """
        INSERT INTO vouchers (id, book_id, period, number, date, kind, idempotency_key, attachment_count,
                              resolution, preparer, reverses_voucher_id, first_posting_id, line_count, posted_at_utc)
        VALUES (@id, @book, @period, @number, @date, @kind, @key, @attachments, @resolution, @preparer, @reverses,
                @first_posting, @lines, @at)
        ON CONFLICT (book_id, idempotency_key) DO NOTHING

        """;

    /// <summary>One posting line (appended: its id is reserved under the writer lock).</summary>
    public const string AppendPosting = """
        INSERT INTO postings (id, voucher_id, line_no, account_id, counterparty_id, debit, credit, summary)
        VALUES (@id, @voucher, @line, @account, @counterparty, @debit, @credit, @summary)

        """;

    /// <summary>The posting command's audit entry (who, when, the range of voucher ids).</summary>
    public const string InsertVoucherAudit = """
        INSERT INTO audit_log (at_utc, actor, action, book_id, subject, before, after, reason)
        VALUES (@at, @actor, @action, @book, @subject, NULL, @after, NULL)

        """;

    /// <summary>The voucher an idempotency key already names.</summary>
    public const string VoucherByKey = """
        SELECT id, period, number, date, kind, resolution, attachment_count, reverses_voucher_id, first_posting_id, line_count
        FROM vouchers WHERE book_id = @book AND idempotency_key = @key

        """;

    /// <summary>A voucher's lines, through the posting ids it owns.</summary>
    public const string LinesOfVoucher = """
        SELECT p.account_id, c.name, p.debit, p.credit, p.summary
        FROM postings p LEFT JOIN counterparties c ON c.id = p.counterparty_id
        WHERE p.id >= @first AND p.id < @end ORDER BY p.id

        """;

    /// <summary>The last number of a book and month (the next is gap-free under the writer lock).</summary>
    public const string LastNumber = "SELECT COALESCE(MAX(number), 0) FROM vouchers WHERE book_id = @book AND period = @period";

    /// <summary>The highest voucher id (ids are reserved from it under the writer lock).</summary>
    public const string LastVoucherId = "SELECT COALESCE(MAX(id), 0) FROM vouchers";

    /// <summary>The highest posting id.</summary>
    public const string LastPostingId = "SELECT COALESCE(MAX(id), 0) FROM postings";

    /// <summary>A counterparty of the book by its name.</summary>
    public const string CounterpartyByName = "SELECT id FROM counterparties WHERE book_id = @book AND name = @name";

    /// <summary>A new counterparty of the book.</summary>
    public const string InsertCounterparty = "INSERT INTO counterparties (book_id, name) VALUES (@book, @name) RETURNING id";

    /// <summary>A balance delta, added to the maintained row (or the row made).</summary>
    public const string AddToBalance = """
        INSERT INTO account_balances (book_id, account_id, counterparty_key, period, debit, credit, year_end_debit, year_end_credit)
        VALUES (@book, @account, @counterparty, @period, @debit, @credit, @ye_debit, @ye_credit)
        ON CONFLICT (book_id, account_id, counterparty_key, period) DO UPDATE SET
            debit = account_balances.debit + excluded.debit,
            credit = account_balances.credit + excluded.credit,
            year_end_debit = account_balances.year_end_debit + excluded.year_end_debit,
            year_end_credit = account_balances.year_end_credit + excluded.year_end_credit

        """;

    /// <summary>Posted vouchers of a book with their lines, by id range and date range, in 序时账 order.</summary>
    public const string PostedVouchers = """
        SELECT v.id, v.period, v.number, v.date, v.resolution, v.reverses_voucher_id,
               p.account_id, p.counterparty_id, p.debit, p.credit, p.summary
        FROM vouchers v JOIN postings p ON p.id >= v.first_posting_id AND p.id < v.first_posting_id + v.line_count
        WHERE v.book_id = @book AND v.id > @after AND v.id <= @through AND v.date >= @from AND v.date <= @to
        ORDER BY v.period, v.number, p.id

        """;
}
