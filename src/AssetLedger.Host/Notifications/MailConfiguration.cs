using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Notifications;
using MimeKit;

namespace AssetLedger.Host.Notifications;

/// <summary>
/// <see cref="MailSettings"/> from configuration (<c>Smtp:*</c>, e.g. <c>Smtp__Host</c> in the environment, and
/// <c>App:PublicUrl</c>), every value checked with a sentence naming the setting. With no <c>Smtp:Host</c>, mails go
/// to the pickup folder — <c>Smtp:PickupDirectory</c>, by default <c>mail-pickup</c> beside the database
/// (on PostgreSQL, in <c>./data</c>).
/// </summary>
public static class MailConfiguration
{
    public static Outcome<MailSettings> From(IConfiguration configuration, DatabaseSettings database)
    {
        var smtp = configuration.GetSection("Smtp");
        var errors = new List<LedgerError>();
        var port = 25;
        if (smtp["Port"] is { Length: > 0 } portText && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            errors.Add(new LedgerError("config.smtp_port", $"Smtp:Port '{portText}' is not a port number (1–65535)"));
        }

        SmtpSecurity? security = null;
        if (smtp["Security"] is { Length: > 0 } securityText)
        {
            if (Enum.TryParse<SmtpSecurity>(securityText, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                security = s;
            }
            else
            {
                errors.Add(new LedgerError("config.smtp_security", $"Smtp:Security '{securityText}' is not one of None, StartTls, SslOnConnect"));
            }
        }

        var from = smtp["From"] is { Length: > 0 } f ? f : MailSettings.DefaultFrom;
        if (!MailboxAddress.TryParse(from, out _))
        {
            errors.Add(new LedgerError("config.smtp_from", $"Smtp:From '{from}' is not an address (e.g. 三资监管平台 <noreply@example.gov.cn>)"));
        }

        var publicUrl = configuration["App:PublicUrl"] is { Length: > 0 } u ? u : "http://127.0.0.1:5080";
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(new LedgerError("config.public_url", $"App:PublicUrl '{publicUrl}' is not an http(s) address"));
        }

        if (errors.Count > 0)
        {
            return Outcome<MailSettings>.Failure(errors);
        }

        return Outcome<MailSettings>.Success(new MailSettings
        {
            Host = smtp["Host"] is { Length: > 0 } host ? host : null,
            Port = port,
            Security = security,
            User = smtp["User"] is { Length: > 0 } user ? user : null,
            Password = smtp["Password"],
            From = from,
            PickupDirectory = smtp["PickupDirectory"] is { Length: > 0 } pickup ? pickup : Path.Combine(database.DataFolder, "mail-pickup"),
            PublicUrl = publicUrl,
        });
    }
}
