using System.CommandLine;
using AssetLedger.Core.Common;
using AssetLedger.Host.Database;
using AssetLedger.Host.Notifications;
using AssetLedger.Host.Scheduling;
using AssetLedger.Rules.Notifications;

namespace AssetLedger.Host.CommandLine;

/// <summary><c>scheduler run</c>: the scheduled jobs, in the foreground, until Ctrl+C.</summary>
internal static class SchedulerCommands
{
    public static Command Build(CliEnvironment env)
    {
        var run = new Command("run", "Run the scheduled jobs until stopped (Ctrl+C), in China time: by default the new-entry rules every 15 minutes, "
            + "the daily checks (calendar rules) at 06:00, critical alert mails and retries every 5 minutes and the digest at 08:00; "
            + "set Scheduling__RuleEvaluation, Scheduling__DailyChecks, Scheduling__Notifications and Scheduling__Digest to other Quartz cron expressions");
        run.SetAction(async (parse, ct) =>
        {
            // Create or migrate the database first, as every verb does.
            var migrated = await Cli.WithLedgerAsync(parse, env, (_, _) => Task.FromResult(Cli.Ok), ct);
            if (migrated != Cli.Ok)
            {
                return migrated;
            }

            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            var schedule = SchedulerHost.ScheduleFrom(builder);
            if (schedule.Problem() is { } problem)
            {
                await env.Error.WriteLineAsync($"error: {problem}");
                return Cli.Usage;
            }

            var database = DatabaseConfiguration.From(env.Configuration, parse.GetValue(Cli.DbOption));
            var mail = database.Succeeded ? MailConfiguration.From(env.Configuration, database.Value) : Outcome<MailSettings>.Failure(database.Errors);
            if (!mail.Succeeded)
            {
                return await Cli.RejectAsync(env, mail.Errors);
            }

            builder.AddScheduling(database.Value, env.Time, schedule, mail.Value);
            using var host = builder.Build();
            await env.Output.WriteLineAsync($"scheduler running: rule evaluation '{schedule.RuleEvaluation}', daily checks '{schedule.DailyChecks}', "
                + $"notifications '{schedule.Notifications}', digest '{schedule.Digest}' (Asia/Shanghai); mail goes to {mail.Value.Describe()}; Ctrl+C stops it");
            await host.RunAsync(ct);
            return Cli.Ok;
        });
        return new Command("scheduler", "The scheduled jobs (Quartz.NET)") { run };
    }
}
