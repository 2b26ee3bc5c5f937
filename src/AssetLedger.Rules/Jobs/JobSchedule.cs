using AssetLedger.Rules.Engine;
using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// When the jobs fire: Quartz cron expressions read in China time (Asia/Shanghai), from configuration —
/// <c>Scheduling:RuleEvaluation</c> (new-entry rules, by default every 15 minutes), <c>Scheduling:DailyChecks</c>
/// (calendar rules, by default at 06:00), <c>Scheduling:Notifications</c> (critical alerts and retries, every 5
/// minutes) and <c>Scheduling:Digest</c> (the supervisors' daily digest, 08:00). After downtime a missed firing runs
/// once and the schedule goes on: the watermarks make a rule run catch up, the calendar rules look at the state of
/// the books on the day, and the outbox keeps every notification until it is sent. For the same reasons every job
/// asks Quartz for recovery: in a cluster, a job whose node died mid-run runs again on another node.
/// </summary>
public sealed class JobSchedule
{
    public const string DefaultRuleEvaluation = "0 0/15 * * * ?";

    public const string DefaultDailyChecks = "0 0 6 * * ?";

    public const string DefaultNotifications = "0 0/5 * * * ?";

    public const string DefaultDigest = "0 0 8 * * ?";

    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static readonly JobKey RuleEvaluationJobKey = new("rule-evaluation", "rules");

    public static readonly TriggerKey RuleEvaluationTrigger = new("rule-evaluation", "rules");

    public static readonly JobKey DailyChecksJobKey = new("daily-checks", "rules");

    public static readonly TriggerKey DailyChecksTrigger = new("daily-checks", "rules");

    public static readonly JobKey NotificationsJobKey = new("notifications", "mail");

    public static readonly TriggerKey NotificationsTrigger = new("notifications", "mail");

    public static readonly JobKey DigestJobKey = new("digest", "mail");

    public static readonly TriggerKey DigestTrigger = new("digest", "mail");

    public string RuleEvaluation { get; init; } = DefaultRuleEvaluation;

    public string DailyChecks { get; init; } = DefaultDailyChecks;

    public string Notifications { get; init; } = DefaultNotifications;

    public string Digest { get; init; } = DefaultDigest;

    /// <summary>The first setting that is not a cron expression, in a sentence saying why; null when all are.</summary>
    public string? Problem() =>
        Check("Scheduling:RuleEvaluation", RuleEvaluation, DefaultRuleEvaluation) ?? Check("Scheduling:DailyChecks", DailyChecks, DefaultDailyChecks)
        ?? Check("Scheduling:Notifications", Notifications, DefaultNotifications) ?? Check("Scheduling:Digest", Digest, DefaultDigest);

    private static string? Check(string setting, string cron, string example)
    {
        try
        {
            _ = new CronExpression(cron);
            return null;
        }
        catch (FormatException ex)
        {
            return $"{setting} '{cron}' is not a Quartz cron expression (e.g. '{example}'): {ex.Message}";
        }
    }

    public void AddTo(IQuartzBuilder quartz)
    {
        Schedule(quartz, RuleEvaluationJobKey, RuleEvaluationTrigger, RuleEvaluation, Evaluation.NewEntries, "预警规则评估（新凭证与登记簿变动）");
        Schedule(quartz, DailyChecksJobKey, DailyChecksTrigger, DailyChecks, Evaluation.Calendar, "每日检查（合同到期、欠租、长期挂账、现金交存、折旧计提）");
        Schedule<NotificationJob>(quartz, NotificationsJobKey, NotificationsTrigger, Notifications, "发送紧急预警邮件与重试", NotificationJob.DigestKey, "false");
        Schedule<NotificationJob>(quartz, DigestJobKey, DigestTrigger, Digest, "发送每日预警汇总邮件", NotificationJob.DigestKey, "true");
    }

    private static void Schedule(IQuartzBuilder quartz, JobKey job, TriggerKey trigger, string cron, Evaluation evaluation, string description) =>
        Schedule<RuleEvaluationJob>(quartz, job, trigger, cron, description, RuleEvaluationJob.EvaluationKey, evaluation.ToString());

    private static void Schedule<TJob>(IQuartzBuilder quartz, JobKey job, TriggerKey trigger, string cron, string description, string dataKey, string dataValue)
        where TJob : IJob =>
        quartz.ScheduleJob<TJob>(
            t => t.WithIdentity(trigger)
                .WithCronSchedule(cron, c => c.InTimeZone(ChinaTime).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            j => j.WithIdentity(job).WithDescription(description).DisallowConcurrentExecution().RequestRecovery().UsingJobData(dataKey, dataValue));
}
