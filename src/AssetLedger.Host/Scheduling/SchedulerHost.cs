using AssetLedger.Core.Audit;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Jobs;
using AssetLedger.Rules.Notifications;
using Quartz;

namespace AssetLedger.Host.Scheduling;

/// <summary>
/// The scheduler's composition: the ledger and the rules on one database, and Quartz with the rule and mail jobs in
/// China time. <c>scheduler run</c> hosts it; the web app hosts the same.
/// </summary>
public static class SchedulerHost
{
    /// <summary>The actor the audit log records for what scheduled jobs write.</summary>
    public const string Actor = "scheduler";

    /// <summary>The name every node of a cluster shares: Quartz's clustered store groups its nodes by it.</summary>
    public const string ClusterName = "AssetLedger";

    /// <summary>
    /// The ledger, the rules and Quartz with the jobs of <paramref name="schedule"/>. On SQLite, one process runs the
    /// jobs and Quartz keeps its schedule in memory (the configuration is the schedule). On PostgreSQL, Quartz keeps it
    /// in the same database with its ADO.NET job store in clustered mode, so any number of Host instances share one
    /// schedule: each firing runs on exactly one node, and a node that dies mid-job has that job run again by another
    /// (every job asks for recovery; the rule runs' watermarks and the mail outbox make a repeated run harmless).
    /// <c>Scheduling:InstanceId</c> names the node (by default Quartz makes one from the host name and the time).
    /// </summary>
    public static void AddScheduling(this IHostApplicationBuilder builder, DatabaseSettings database, TimeProvider time, JobSchedule schedule, MailSettings mail)
    {
        builder.Services.AddAssetLedger(database, time, new Actor(Actor), mail);
        var instanceId = builder.Configuration["Scheduling:InstanceId"];
        builder.AddQuartz(q =>
        {
            schedule.AddTo(q);
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                UseClusteredStore(q, database.ConnectionString, instanceId);
            }
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void UseClusteredStore(IQuartzBuilder quartz, string connectionString, string? instanceId)
    {
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = ClusterName;
            if (!string.IsNullOrWhiteSpace(instanceId))
            {
                o.InstanceId = instanceId;
            }
        });
        quartz.UsePersistentStore(store =>
        {
            store.ConfigureStore(o => o.StoreJobDataAsStrings = true); // job data are strings: readable in the tables, no serialized objects
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering();
            store.ProvisionSchema(); // Quartz's qrtz_ tables, created by whichever node starts first
        });
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
