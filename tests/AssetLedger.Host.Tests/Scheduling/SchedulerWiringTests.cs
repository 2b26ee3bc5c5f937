using AssetLedger.Core.Persistence;
using AssetLedger.Host.Scheduling;
using AssetLedger.Host.Tests.CommandLine;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Jobs;
using AssetLedger.Rules.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace AssetLedger.Host.Tests.Scheduling;

/// <summary>The scheduler as the Host composes it: real Quartz, a real SQLite file, the clock faked for the rules.</summary>
public sealed class SchedulerWiringTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private IHost BuildHost(string? cron = null, string? daily = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Scheduling:RuleEvaluation"] = cron;
        builder.Configuration["Scheduling:DailyChecks"] = daily;

        builder.AddScheduling(cli.Database.Settings, cli.Clock, SchedulerHost.ScheduleFrom(builder),
            new MailSettings { PickupDirectory = Path.Combine(cli.Folder, "mail") });
        return builder.Build();
    }

    [Fact]
    public async Task Rule_evaluation_fires_every_quarter_hour_in_China_time_and_never_twice_at_once()
    {
        using var host = BuildHost();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(JobSchedule.RuleEvaluationTrigger);
        var job = await scheduler.GetJobDetail(JobSchedule.RuleEvaluationJobKey);

        trigger!.GetFireTimeAfter(new DateTimeOffset(2026, 1, 15, 9, 7, 30, TimeSpan.FromHours(8)))
            .Should().Be(new DateTimeOffset(2026, 1, 15, 9, 15, 0, TimeSpan.FromHours(8)));
        job!.ConcurrentExecutionDisallowed.Should().BeTrue();
        trigger.Should().BeAssignableTo<ICronTrigger>().Which.MisfireInstruction
            .Should().Be(CronTriggerMisfireInstruction.FireAndProceed, "after downtime one run catches up, then the schedule goes on");
    }

    [Fact]
    public async Task A_daily_schedule_from_configuration_is_read_in_China_time()
    {
        using var host = BuildHost("0 30 6 * * ?");
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(JobSchedule.RuleEvaluationTrigger);

        trigger!.GetFireTimeAfter(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero))
            .Should().Be(new DateTimeOffset(2026, 1, 15, 22, 30, 0, TimeSpan.Zero), "06:30 in Shanghai is 22:30 UTC the day before");
        new JobSchedule { RuleEvaluation = "every quarter" }.Problem().Should().Contain("not a Quartz cron expression");
    }

    [Fact]
    public async Task The_daily_checks_run_the_calendar_rules_at_six_in_the_morning_China_time_and_never_twice_at_once()
    {
        using var host = BuildHost(daily: null);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await scheduler.GetTrigger(JobSchedule.DailyChecksTrigger);
        var job = await scheduler.GetJobDetail(JobSchedule.DailyChecksJobKey);

        trigger!.GetFireTimeAfter(new DateTimeOffset(2026, 1, 15, 6, 0, 0, TimeSpan.FromHours(8)))
            .Should().Be(new DateTimeOffset(2026, 1, 16, 6, 0, 0, TimeSpan.FromHours(8)));
        job!.ConcurrentExecutionDisallowed.Should().BeTrue();
        job.JobDataMap.GetString(RuleEvaluationJob.EvaluationKey).Should().Be(nameof(Evaluation.Calendar));
        new JobSchedule { DailyChecks = "daily" }.Problem().Should().Contain("Scheduling:DailyChecks 'daily'");
    }

    [Fact]
    public async Task Mail_goes_out_every_five_minutes_for_critical_alerts_and_the_digest_at_eight_China_time()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("subscriber", "add", "wang.wu@nongjing.example.cn", "--scope", "330101");
        await cli.PayAsync("33010101", "2024-03-05", 8_000);
        await cli.OkAsync("rules", "run");
        using var host = BuildHost();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var immediate = await scheduler.GetTrigger(JobSchedule.NotificationsTrigger);
        var digest = await scheduler.GetTrigger(JobSchedule.DigestTrigger);
        var digestJob = await scheduler.GetJobDetail(JobSchedule.DigestJobKey);

        var failure = await RunOnceAsync(host, JobSchedule.DigestJobKey);

        immediate!.GetFireTimeAfter(new DateTimeOffset(2026, 1, 15, 9, 1, 0, TimeSpan.FromHours(8))).Should().Be(new DateTimeOffset(2026, 1, 15, 9, 5, 0, TimeSpan.FromHours(8)));
        digest!.GetFireTimeAfter(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8))).Should().Be(new DateTimeOffset(2026, 1, 16, 8, 0, 0, TimeSpan.FromHours(8)));
        digestJob!.ConcurrentExecutionDisallowed.Should().BeTrue();
        failure.Should().BeNull();
        Directory.GetFiles(Path.Combine(cli.Folder, "mail"), "*.eml").Should().ContainSingle("the digest job composed and delivered the waiting alert");
    }

    [Fact]
    public async Task A_failed_run_is_reported_to_Quartz_without_an_immediate_refire_and_moves_no_watermark()
    {
        await cli.CountyWithVillageAsync();
        await cli.PayAsync("33010101", "2024-03-05", 60_000);
        await cli.OkAsync("rules", "list");
        Sql(cli.Database.Dialect(
            "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$; "
            + "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks FOR EACH ROW EXECUTE FUNCTION crash();"));
        using var host = BuildHost();

        var failure = await RunOnceAsync(host, JobSchedule.RuleEvaluationJobKey);

        failure.Should().NotBeNull();
        failure!.RefireImmediately.Should().BeFalse("a failing run waits for its next firing instead of looping");
        failure.InnerException!.ToString().Should().Contain("simulated crash");
        Sql("SELECT count(*) FROM alerts").Should().Be(0L);
        Sql("SELECT count(*) FROM rule_watermarks").Should().Be(0L);
    }

    /// <summary>Starts the scheduler, fires the job once, waits for it to finish and stops; what it threw, if anything.</summary>
    private static async Task<JobExecutionException?> RunOnceAsync(IHost host, JobKey job)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var done = new JobDone();
        scheduler.ListenerManager.AddJobListener(done, [Matchers.Key(job)]);
        await scheduler.Start();
        await scheduler.TriggerJob(job);
        var failure = await done.Executed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await scheduler.Shutdown(waitForJobsToComplete: true);
        return failure;
    }

    private object? Sql(string sql) => cli.Database.Scalar(sql);

    [Fact]
    public async Task The_scheduled_job_runs_the_rule_engine_on_the_ledger()
    {
        await cli.CountyWithVillageAsync();
        await cli.PayAsync("33010101", "2024-03-05", 60_000);
        using var host = BuildHost();

        var failure = await RunOnceAsync(host, JobSchedule.RuleEvaluationJobKey);

        failure.Should().BeNull();
        (await cli.OkAsync("alerts", "list", "--state", "open")).Should().Contain("LARGE_TXN");
    }

    private sealed class JobDone : IJobListener
    {
        public TaskCompletionSource<JobExecutionException?> Executed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "test-job-done";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Executed.TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
