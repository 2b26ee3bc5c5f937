using AssetLedger.Core.Audit;
using AssetLedger.Rules.Jobs;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace AssetLedger.Host.Scheduling;

/// <summary>
/// The scheduler's composition: the ledger and the rules on one database, and Quartz with the rule jobs in China
/// time. <c>scheduler run</c> hosts it; the web app will host the same.
/// </summary>
public static class SchedulerHost
{
    /// <summary>The actor the audit log records for what scheduled jobs write.</summary>
    public const string Actor = "scheduler";

    public static void AddScheduling(this IHostApplicationBuilder builder, string connectionString, TimeProvider time, RuleSchedule schedule)
    {
        builder.Services.AddAssetLedger(connectionString, time, new Actor(Actor));
        builder.AddQuartz(schedule.AddTo);
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>
    /// The schedule from configuration: <c>Scheduling:RuleEvaluation</c> and <c>Scheduling:DailyChecks</c> (e.g.
    /// <c>Scheduling__DailyChecks</c> in the environment).
    /// </summary>
    public static RuleSchedule ScheduleFrom(IHostApplicationBuilder builder) => new()
    {
        RuleEvaluation = builder.Configuration["Scheduling:RuleEvaluation"] ?? RuleSchedule.DefaultRuleEvaluation,
        DailyChecks = builder.Configuration["Scheduling:DailyChecks"] ?? RuleSchedule.DefaultDailyChecks,
    };
}
