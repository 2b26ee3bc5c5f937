using Quartz;

namespace AssetLedger.Rules.Jobs;

/// <summary>
/// When the rule jobs fire: Quartz cron expressions read in China time (Asia/Shanghai), from configuration
/// (<c>Scheduling:RuleEvaluation</c>), by default every 15 minutes. After downtime a missed firing runs once and
/// the schedule goes on; the watermarks make that one run catch up.
/// </summary>
public sealed class RuleSchedule
{
    public const string DefaultRuleEvaluation = "0 0/15 * * * ?";

    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static readonly TriggerKey RuleEvaluationTrigger = new("rule-evaluation", "rules");

    public string RuleEvaluation { get; init; } = DefaultRuleEvaluation;

    /// <summary>The cron expression, or a sentence saying why it is not one.</summary>
    public string? Problem()
    {
        try
        {
            _ = new CronExpression(RuleEvaluation);
            return null;
        }
        catch (FormatException ex)
        {
            return $"Scheduling:RuleEvaluation '{RuleEvaluation}' is not a Quartz cron expression (e.g. '{DefaultRuleEvaluation}'): {ex.Message}";
        }
    }

    public void AddTo(IQuartzBuilder quartz) =>
        quartz.ScheduleJob<RuleEvaluationJob>(
            trigger => trigger.WithIdentity(RuleEvaluationTrigger)
                .WithCronSchedule(RuleEvaluation, c => c.InTimeZone(ChinaTime).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job.WithIdentity(RuleEvaluationJob.Key).WithDescription("预警规则评估").DisallowConcurrentExecution());
}
