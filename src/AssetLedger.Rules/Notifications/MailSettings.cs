namespace AssetLedger.Rules.Notifications;

/// <summary>
/// How alert e-mails leave: SMTP settings from configuration (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:Security</c>,
/// <c>Smtp:User</c>, <c>Smtp:Password</c>, <c>Smtp:From</c>), or — with no host — <c>.eml</c> files in a pickup folder
/// (<c>Smtp:PickupDirectory</c>), so the product works out of the box and a person can open the mail.
/// </summary>
public sealed record MailSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>None, StartTls or SslOnConnect; when not set, by the port: 465 → SslOnConnect, 587 → StartTls, else None.</summary>
    public SmtpSecurity? Security { get; init; }

    public string? User { get; init; }

    /// <summary>Never logged, never printed.</summary>
    public string? Password { get; init; }

    public const string DefaultFrom = "三资监管平台 <noreply@assetledger.local>";

    public string From { get; init; } = DefaultFrom;

    public required string PickupDirectory { get; init; }

    /// <summary>Where the web app is reached, for the links in the mails.</summary>
    public string PublicUrl { get; init; } = "http://127.0.0.1:5080";

    /// <summary>How long one SMTP command may take before the batch gives up (MailKit waits two minutes by default).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public SmtpSecurity EffectiveSecurity => Security ?? Port switch
    {
        465 => SmtpSecurity.SslOnConnect,
        587 => SmtpSecurity.StartTls,
        _ => SmtpSecurity.None,
    };

    /// <summary>Where the mail goes, for messages and logs: never the password.</summary>
    public string Describe() => UsesSmtp ? $"smtp://{Host}:{Port} ({EffectiveSecurity})" : $"the pickup folder {PickupDirectory}";
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
