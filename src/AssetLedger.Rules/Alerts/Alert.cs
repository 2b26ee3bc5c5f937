namespace AssetLedger.Rules.Alerts;

/// <summary>
/// Something a rule noticed, once: the book, the rule and its parameters at the time, the evidence, and a plain
/// Chinese explanation for the supervisor. (book, rule, subject, window) is unique: the same fact never raises two
/// alerts. Its lifecycle — open → acknowledged → resolved / dismissed — is kept as <see cref="AlertTransition"/>s.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    public int BookId { get; init; }

    public required string RuleId { get; init; }

    public Severity Severity { get; init; }

    /// <summary>What the alert is about, e.g. <c>voucher:123</c> or <c>account:101</c>.</summary>
    public required string SubjectKey { get; init; }

    /// <summary>The time window that makes the fact distinct, e.g. a day or a month; empty when none.</summary>
    public required string Window { get; init; }

    /// <summary>The amount at stake, in 分.</summary>
    public long Amount { get; init; }

    public DateOnly OccurredOn { get; init; }

    /// <summary>The rule's parameters when it fired, as JSON.</summary>
    public required string Parameters { get; init; }

    /// <summary>Voucher ids, amounts, dates, counterparties, as JSON.</summary>
    public required string Evidence { get; init; }

    public required string Explanation { get; init; }

    public DateTime RaisedAtUtc { get; init; }

    public AlertState State { get; set; }
}

public enum Severity
{
    /// <summary>提示.</summary>
    Info = 1,

    /// <summary>关注.</summary>
    Warning = 2,

    /// <summary>严重.</summary>
    Serious = 3,

    /// <summary>紧急.</summary>
    Critical = 4,
}

public enum AlertState
{
    Open = 1,
    Acknowledged = 2,
    Resolved = 3,
    Dismissed = 4,
}

/// <summary>A change of an alert's state: who, when, why. Append-only.</summary>
public sealed class AlertTransition
{
    public long Id { get; set; }

    public long AlertId { get; init; }

    public AlertState From { get; init; }

    public AlertState To { get; init; }

    public required string Actor { get; init; }

    public DateTime AtUtc { get; init; }

    public required string Comment { get; init; }
}
