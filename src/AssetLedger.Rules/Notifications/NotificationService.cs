using System.Net.Sockets;
using AssetLedger.Core.Common;
using AssetLedger.Rules.Persistence;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace AssetLedger.Rules.Notifications;

/// <summary>What one send did.</summary>
/// <param name="Problem">Why delivery stopped early (the server could not be reached, the connection dropped), or null.</param>
public sealed record SendReport(int Composed, int Sent, int Failed, int Deferred, string? Problem);

/// <summary><c>notify list</c>: the mails, newest first, and the notifications still waiting for a mail.</summary>
public sealed record NotifyStatus(IReadOnlyList<OutgoingMail> Mails, int Waiting, int WaitingImmediate);

/// <summary>
/// Delivers the outbox. A send first composes: the notifications due — critical ones always, the rest when the
/// digest is due — become one mail per address, each with a stable Message-Id, committed before anything is sent.
/// Then it delivers the pending mails over one SMTP connection (or into the pickup folder), committing each mail's
/// sent state as soon as it is sent. A server that cannot be reached, or a 4xx reply, defers the mail with
/// exponential backoff (1, 2, 4 … minutes, at most 6 hours, 10 tries); a 5xx reply to the recipient (a bad address)
/// fails that mail for good and the batch goes on.
/// </summary>
public sealed class NotificationService(
    RulesDbContext rules, AlertRows rowsOf, MailSettings settings, MailComposer composer, TimeProvider time, ILogger<NotificationService> log)
{
    public const int MaxAttempts = 10;

    /// <param name="digests">Compose everything waiting (the daily digest, <c>notify send</c>); otherwise only critical alerts.</param>
    public async Task<SendReport> SendAsync(bool digests, CancellationToken ct = default)
    {
        var composed = await ComposeAsync(digests, ct);
        var report = await DeliverAsync(null, ct);
        return report with { Composed = composed };
    }

    /// <summary><c>notify test --to ADDRESS</c>: a test mail, through the outbox, delivered at once.</summary>
    public async Task<Outcome<OutgoingMail>> TestAsync(string to, CancellationToken ct = default)
    {
        if (!SubscriberService.IsAddress(to))
        {
            return new LedgerError("notify.address_invalid", $"'{to}' is not an e-mail address (name@example.com)");
        }

        var now = LedgerClock.UtcNow(time);
        var mail = new OutgoingMail
        {
            To = to.Trim(), Kind = MailKind.Test, MessageId = composer.NewMessageId(), Subject = MailComposer.SubjectFor(MailKind.Test, [], LedgerClock.Today(time)),
            State = MailState.Pending, NextAttemptAtUtc = now, CreatedAtUtc = now,
        };
        rules.OutgoingMails.Add(mail);
        await rules.SaveChangesAsync(ct);
        await DeliverAsync(mail.Id, ct);
        return Outcome<OutgoingMail>.Success(mail);
    }

    public async Task<NotifyStatus> StatusAsync(int take = 50, CancellationToken ct = default)
    {
        var mails = await rules.OutgoingMails.AsNoTracking().OrderByDescending(m => m.Id).Take(take).ToListAsync(ct);
        var waiting = await rules.Notifications.AsNoTracking().Where(n => n.MailId == null).GroupBy(n => n.Immediate)
            .Select(g => new { Immediate = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new NotifyStatus(mails, waiting.Sum(w => w.Count), waiting.Where(w => w.Immediate).Sum(w => w.Count));
    }

    /// <summary>The notifications due become mails, one per address, in one transaction.</summary>
    private async Task<int> ComposeAsync(bool digests, CancellationToken ct)
    {
        await using var tx = await rules.Database.BeginTransactionAsync(ct);
        var due = await rules.Notifications.Where(n => n.MailId == null && (digests || n.Immediate)).OrderBy(n => n.Id).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var rows = await RowsAsync(due.Select(n => n.AlertId).Distinct().ToList(), ct);
        var names = (await rules.Subscribers.AsNoTracking().Where(s => s.Name != null).ToListAsync(ct))
            .GroupBy(s => s.Email).ToDictionary(g => g.Key, g => g.First().Name);
        var now = LedgerClock.UtcNow(time);
        var kind = digests ? MailKind.Digest : MailKind.Immediate;
        var mails = new List<(OutgoingMail Mail, List<Notification> Notifications)>();
        foreach (var group in due.GroupBy(n => n.Email))
        {
            var mail = new OutgoingMail
            {
                To = group.Key, ToName = names.GetValueOrDefault(group.Key), Kind = kind, MessageId = composer.NewMessageId(),
                Subject = MailComposer.SubjectFor(kind, group.Select(n => rows[n.AlertId]).ToList(), LedgerClock.Today(time)),
                State = MailState.Pending, NextAttemptAtUtc = now, CreatedAtUtc = now,
            };
            rules.OutgoingMails.Add(mail);
            mails.Add((mail, group.ToList()));
        }

        await rules.SaveChangesAsync(ct);
        foreach (var (mail, notifications) in mails)
        {
            notifications.ForEach(n => n.MailId = mail.Id);
        }

        await rules.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return mails.Count;
    }

    private async Task<SendReport> DeliverAsync(long? onlyMail, CancellationToken ct)
    {
        var now = LedgerClock.UtcNow(time);
        var due = await rules.OutgoingMails
            .Where(m => m.State == MailState.Pending && m.NextAttemptAtUtc <= now && (onlyMail == null || m.Id == onlyMail))
            .OrderBy(m => m.Id).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new SendReport(0, 0, 0, 0, null);
        }

        int sent = 0, failed = 0, deferred = 0;
        using var smtp = settings.UsesSmtp ? new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds } : null;
        if (smtp is not null)
        {
            try
            {
                await smtp.ConnectAsync(settings.Host!, settings.Port, Options(settings.EffectiveSecurity), ct);
                if (!string.IsNullOrEmpty(settings.User))
                {
                    await smtp.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, ct);
                }
            }
            catch (Exception ex) when (IsTransient(ex) || ex is AuthenticationException or SslHandshakeException or NotSupportedException or SmtpCommandException)
            {
                // Whatever keeps the session from starting — the server unreachable, refusing the login, or offering no
                // login at all while Smtp:User is set — is a delivery failure like any other: kept on each mail, retried with backoff.
                var problem = ex is NotSupportedException
                    ? $"the mail server {settings.Describe()} offers no authentication (AUTH), but Smtp:User is set: remove Smtp:User, or use the server's authenticated port"
                    : $"could not reach the mail server {settings.Describe()}: {ex.Message}";
                log.LogWarning("{Problem}; {Count} mails wait for the next try", problem, due.Count);
                foreach (var mail in due)
                {
                    Defer(mail, problem, now);
                }

                await rules.SaveChangesAsync(ct);
                return new SendReport(0, 0, due.Count(m => m.State == MailState.Failed), due.Count(m => m.State == MailState.Pending), problem);
            }
        }

        string? stopped = null;
        foreach (var mail in due)
        {
            var message = composer.Build(mail, await RowsOfMailAsync(mail, ct), time.GetUtcNow());
            try
            {
                if (smtp is null)
                {
                    await WritePickupAsync(message, ct);
                }
                else
                {
                    await smtp.SendAsync(message, ct);
                }

                mail.State = MailState.Sent;
                mail.SentAtUtc = LedgerClock.UtcNow(time);
                mail.Attempts++;
                mail.LastError = null;
                sent++;
            }
            catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
            {
                // A permanent refusal (a bad address): shown, never retried.
                mail.Attempts++;
                mail.State = MailState.Failed;
                mail.LastError = Limit($"refused by the server ({(int)ex.StatusCode}): {ex.Message}");
                log.LogWarning("Mail {MailId} to {To} refused for good: {Error}", mail.Id, mail.To, mail.LastError);
                failed++;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                Defer(mail, $"delivery failed: {ex.Message}", now);
                deferred++;
                if (smtp is not { IsConnected: true })
                {
                    stopped = $"delivery to {settings.Describe()} stopped: {ex.Message}";
                    await rules.SaveChangesAsync(ct);
                    break;
                }
            }

            // Committed per message: a crash after this line sends nothing twice; before it, this one mail again,
            // under the same Message-Id.
            await rules.SaveChangesAsync(ct);
        }

        if (smtp is { IsConnected: true })
        {
            await smtp.DisconnectAsync(quit: true, ct);
        }

        if (stopped is not null)
        {
            log.LogWarning("{Problem}; the rest wait for the next try", stopped);
        }

        return new SendReport(0, sent, failed, deferred, stopped);
    }

    /// <summary>Backoff: 1, 2, 4 … minutes, at most 6 hours; after <see cref="MaxAttempts"/> tries the mail fails.</summary>
    private void Defer(OutgoingMail mail, string error, DateTime now)
    {
        mail.Attempts++;
        mail.LastError = Limit(error);
        if (mail.Attempts >= MaxAttempts)
        {
            mail.State = MailState.Failed;
            mail.LastError = Limit($"gave up after {mail.Attempts} tries: {error}");
            return;
        }

        mail.NextAttemptAtUtc = now + TimeSpan.FromMinutes(Math.Min(Math.Pow(2, mail.Attempts - 1), 360));
    }

    private static bool IsTransient(Exception ex) =>
        ex is SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException { CancellationToken.IsCancellationRequested: false }
        || ex is SmtpCommandException { StatusCode: var code } && (int)code is >= 400 and < 500;

    private static SecureSocketOptions Options(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    private static string Limit(string text) => text.Length <= 1000 ? text : text[..1000];

    /// <summary>The pickup folder: one .eml per mail, named by its Message-Id, written whole or not at all.</summary>
    private async Task WritePickupAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(settings.PickupDirectory);
        var name = string.Concat((message.MessageId ?? "message").Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var path = Path.Combine(settings.PickupDirectory, name + ".eml");
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
    }

    private async Task<List<AlertRow>> RowsOfMailAsync(OutgoingMail mail, CancellationToken ct)
    {
        var ids = await rules.Notifications.AsNoTracking().Where(n => n.MailId == mail.Id).Select(n => n.AlertId).ToListAsync(ct);
        return ids.Count == 0 ? [] : (await RowsAsync(ids, ct)).Values.OrderBy(r => r.Alert.Id).ToList();
    }

    private Task<Dictionary<long, AlertRow>> RowsAsync(List<long> alertIds, CancellationToken ct) => rowsOf.ForAsync(alertIds, ct);
}
