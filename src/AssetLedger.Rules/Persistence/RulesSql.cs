namespace AssetLedger.Rules.Persistence;

/// <summary>The rules' hand-written SQL, beside their context: plain SQL both engines run, executed through the ledger's <c>BulkInsert</c>.</summary>
public static class RulesSql
{
    /// <summary>A finding as an alert, unless the same fact (book, rule, subject, window) already raised one; its id comes back.</summary>
    public const string InsertAlert = """
        INSERT INTO alerts (book_id, rule_id, severity, subject_key, "window", amount, occurred_on, parameters, evidence, explanation, raised_at_utc, state)
        VALUES (@book_id, @rule_id, @severity, @subject_key, @window, @amount, @occurred_on, @parameters, @evidence, @explanation, @raised_at_utc, @state)
        ON CONFLICT (book_id, rule_id, subject_key, "window") DO NOTHING

        """;

    /// <summary>A payment in SPLIT_PAYMENT's index, once per voucher.</summary>
    public const string IndexPayment = """
        INSERT INTO payment_index (voucher_id, book_id, counterparty_id, date, amount, number)
        VALUES (@voucher_id, @book_id, @counterparty_id, @date, @amount, @number)
        ON CONFLICT (voucher_id) DO NOTHING

        """;

    /// <summary>A notification an alert owes a subscriber, once per address and alert (the outbox).</summary>
    public const string QueueNotification = """
        INSERT INTO notifications (email, alert_id, immediate, created_at_utc)
        VALUES (@email, @alert_id, @immediate, @created_at_utc)
        ON CONFLICT (email, alert_id) DO NOTHING

        """;
}
