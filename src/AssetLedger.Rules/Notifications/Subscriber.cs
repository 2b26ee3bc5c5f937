using AssetLedger.Rules.Alerts;

namespace AssetLedger.Rules.Notifications;

/// <summary>
/// Someone who receives alert e-mails: an address, a scope (a county, a township or a village — one row per scope),
/// and optional filters by rule and minimum severity. A township supervisor subscribes to the township; a village's
/// 报账员 or 村务监督委员会 to the village. Adding the same address and scope again updates the filters.
/// </summary>
public sealed class Subscriber
{
    public long Id { get; set; }

    public required string Email { get; init; }

    public string? Name { get; set; }

    public int OrganizationId { get; init; }

    /// <summary>Rule ids, comma-separated; null for every rule.</summary>
    public string? Rules { get; set; }

    public Severity MinSeverity { get; set; } = Severity.Info;

    public DateTime UpdatedAtUtc { get; set; }

    public required string Actor { get; set; }

    public bool Wants(Alert alert) =>
        alert.Severity >= MinSeverity && (Rules is null || Rules.Split(',').Contains(alert.RuleId, StringComparer.Ordinal));
}

/// <summary>
/// The outbox: one alert owed to one address, written in the transaction that commits the alert. It joins an
/// <see cref="OutgoingMail"/> when a send composes it — at once for a critical alert, in the daily digest otherwise.
/// (address, alert) is unique: an address subscribed through two scopes gets an alert once.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public required string Email { get; init; }

    public long AlertId { get; init; }

    /// <summary>Critical: goes out at the next send instead of waiting for the digest.</summary>
    public bool Immediate { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>The mail that carries it, once composed.</summary>
    public long? MailId { get; set; }
}

/// <summary>
/// One e-mail to one address, composed once with a stable Message-Id, then delivered: pending until sent, retried
/// with backoff after a transient failure, failed for good after a permanent one (a rejected address) or too many
/// tries. Its sent state is committed per message, so a crash after sending resends at most that message, under
/// the same Message-Id, which mail clients collapse.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }

    public required string To { get; init; }

    public string? ToName { get; init; }

    public MailKind Kind { get; init; }

    /// <summary>The RFC 5322 Message-Id, without angle brackets.</summary>
    public required string MessageId { get; init; }

    public required string Subject { get; init; }

    public MailState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? SentAtUtc { get; set; }
}

public enum MailKind
{
    /// <summary>Critical alerts, sent at once.</summary>
    Immediate = 1,

    /// <summary>The daily digest of everything else.</summary>
    Digest = 2,

    /// <summary><c>notify test</c>.</summary>
    Test = 3,
}

public enum MailState
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
}
