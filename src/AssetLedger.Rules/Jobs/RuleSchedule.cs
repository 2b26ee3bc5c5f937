using AssetLedger.Rules.Engine;
using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// When the rule jobs fire: Quartz cron expressions read in China time (Asia/Shanghai), from configuration —
/// <c>Scheduling:RuleEvaluation</c> (new-entry rules, by default every 15 minutes) and <c>Scheduling:DailyChecks</c>
/// (calendar rules, by default at 06:00, before the supervisors' morning digest). After downtime a missed firing
/// runs once and the schedule goes on; the watermarks make that one run catch up, and the calendar rules look at
/// the state of the books on the day, so a missed day is covered by the next.
/// </summary>
public sealed class RuleSchedule
{
    public const string DefaultRuleEvaluation = "0 0/15 * * * ?";

    public const string DefaultDailyChecks = "0 0 6 * * ?";

    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static readonly JobKey RuleEvaluationJobKey = new("rule-evaluation", "rules");

    public static readonly TriggerKey RuleEvaluationTrigger = new("rule-evaluation", "rules");

    public static readonly JobKey DailyChecksJobKey = new("daily-checks", "rules");

    public static readonly TriggerKey DailyChecksTrigger = new("daily-checks", "rules");

    public string RuleEvaluation { get; init; } = DefaultRuleEvaluation;

    public string DailyChecks { get; init; } = DefaultDailyChecks;

    /// <summary>The first setting that is not a cron expression, in a sentence saying why; null when both are.</summary>
    public string? Problem() => Check("Scheduling:RuleEvaluation", RuleEvaluation, DefaultRuleEvaluation) ?? Check("Scheduling:DailyChecks", DailyChecks, DefaultDailyChecks);

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
        Schedule(quartz, DailyChecksJobKey, DailyChecksTrigger, DailyChecks, Evaluation.Calendar, "每日检查（合同到期、欠租、长期挂账、折旧计提）");
    }

    private static void Schedule(IQuartzBuilder quartz, JobKey job, TriggerKey trigger, string cron, Evaluation evaluation, string description) =>
        quartz.ScheduleJob<RuleEvaluationJob>(
            t => t.WithIdentity(trigger)
                .WithCronSchedule(cron, c => c.InTimeZone(ChinaTime).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            j => j.WithIdentity(job).WithDescription(description).DisallowConcurrentExecution()
                .UsingJobData(RuleEvaluationJob.EvaluationKey, evaluation.ToString()));
}
