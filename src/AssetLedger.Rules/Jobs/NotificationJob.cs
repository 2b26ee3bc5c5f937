using AssetLedger.Rules.Notifications;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// Delivers the alert e-mails: a thin Quartz job around <see cref="NotificationService.SendAsync"/>, scheduled twice
/// (see <see cref="JobSchedule"/>) — often, for critical alerts and retries, and daily for the digest. Never twice at
/// once; the outbox and each mail's committed state make a repeated or failed run harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationJob(NotificationService notifications, ILogger<NotificationJob> log) : IJob
{
    public const string DigestKey = "digest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var digest = string.Equals(context.MergedJobDataMap.GetString(DigestKey), "true", StringComparison.OrdinalIgnoreCase);
        try
        {
            var r = await notifications.SendAsync(digest, cancellationToken);
            if (r.Composed + r.Sent + r.Failed + r.Deferred > 0 && log.IsEnabled(LogLevel.Information))
            {
                log.LogInformation("Notifications ({Kind}): {Composed} mails composed, {Sent} sent, {Failed} failed, {Deferred} deferred",
                    digest ? "digest" : "immediate", r.Composed, r.Sent, r.Failed, r.Deferred);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Notification delivery failed; what was not committed as sent goes out on the next run");
            throw new JobExecutionException(ex) { RefireImmediately = false };
        }
    }
}
