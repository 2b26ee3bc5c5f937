using AssetLedger.Core.Audit;
using AssetLedger.Rules.Jobs;
using AssetLedger.Rules.Notifications;
using Quartz;

namespace AssetLedger.Host.Scheduling;

/// <summary>
/// The scheduler's composition: the ledger and the rules on one database, and Quartz with the rule and mail jobs in
/// China time. <c>scheduler run</c> hosts it; the web app will host the same.
/// </summary>
public static class SchedulerHost
{
    /// <summary>The actor the audit log records for what scheduled jobs write.</summary>
    public const string Actor = "scheduler";

    public static void AddScheduling(this IHostApplicationBuilder builder, string connectionString, TimeProvider time, JobSchedule schedule, MailSettings mail)
    {
        builder.Services.AddAssetLedger(connectionString, time, new Actor(Actor), mail);
        builder.AddQuartz(schedule.AddTo);
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>
    /// The schedule from configuration: <c>Scheduling:RuleEvaluation</c>, <c>Scheduling:DailyChecks</c>,
    /// <c>Scheduling:Notifications</c> and <c>Scheduling:Digest</c> (e.g. <c>Scheduling__Digest</c> in the environment).
    /// </summary>
    public static JobSchedule ScheduleFrom(IHostApplicationBuilder builder) => new()
    {
        RuleEvaluation = builder.Configuration["Scheduling:RuleEvaluation"] ?? JobSchedule.DefaultRuleEvaluation,
        DailyChecks = builder.Configuration["Scheduling:DailyChecks"] ?? JobSchedule.DefaultDailyChecks,
        Notifications = builder.Configuration["Scheduling:Notifications"] ?? JobSchedule.DefaultNotifications,
        Digest = builder.Configuration["Scheduling:Digest"] ?? JobSchedule.DefaultDigest,
    };
}
