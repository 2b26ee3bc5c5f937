using System.Collections.Concurrent;
using AssetLedger.Host.Scheduling;
using AssetLedger.Rules.Notifications;
using AssetLedger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace AssetLedger.Host.Tests.Scheduling;

/// <summary>
/// Host instances on one PostgreSQL database share one schedule through the clustered Quartz store: two composed
/// in this process by the product's own <see cref="SchedulerHost"/>, with a job of the test's own that records each
/// firing in the database; and two <c>scheduler run</c> processes, one of them killed.
/// Needs a PostgreSQL server (<c>ASSETLEDGER_TEST_POSTGRES</c>; <c>.ci/run</c> starts one); without it, it says so
/// and is skipped.
/// </summary>
public sealed class ClusteredSchedulerTests : IDisposable
{
    private const int Firings = 100;
    private const string Victim = "firing-040";

    private readonly TestDatabase? database = TestDatabase.PostgreSqlServer is null ? null : TestDatabase.CreatePostgreSql();

    public void Dispose() => database?.Dispose();

    [SkippableFact]
    public async Task Two_nodes_fire_each_of_a_hundred_triggers_once_and_a_node_that_dies_mid_job_loses_and_doubles_none()
    {
        Skip.If(database is null, TestDatabase.NoPostgreSqlServer);
        database.Scalar("CREATE TABLE firings (firing text NOT NULL, node text NOT NULL, recovering boolean NOT NULL)");
        var run = FiringRecorder.Begin(database.Settings.ConnectionString);
        using var nodeA = BuildNode("node-a");
        using var nodeB = BuildNode("node-b");
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        var nodes = new Dictionary<string, IHost> { ["node-a"] = nodeA, ["node-b"] = nodeB };

        // 100 one-shot triggers over about two seconds, put in the shared store through node A.
        var scheduler = await SchedulerOf(nodeA);
        var start = DateTimeOffset.UtcNow.AddSeconds(1);
        for (var i = 1; i <= Firings; i++)
        {
            await scheduler.ScheduleJob(TriggerBuilder.Create()
                .WithIdentity($"firing-{i:000}", "proof")
                .ForJob(FiringRecorder.Key)
                .StartAt(start.AddMilliseconds(20 * i))
                .Build());
        }

        // The victim firing holds its node mid-job; that node then dies: it stops, its job never finishes, and it
        // never checks in with the cluster again.
        var dying = await run.VictimStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await (await SchedulerOf(nodes[dying])).Shutdown(waitForJobsToComplete: false);
        var survivor = dying == "node-a" ? "node-b" : "node-a";

        await run.AllRecorded.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var rows = RecordedFirings(database);

        rows.Should().HaveCount(Firings, "each trigger fired once in all, the dead node's included");
        rows.Select(r => r.Firing).Should().OnlyHaveUniqueItems("no firing ran twice").And.HaveCount(Firings);
        rows.Should().ContainSingle(r => r.Firing == Victim).Which.Should().Be((Victim, survivor, true), "the survivor recovered the job the dead node was running");
        rows.Select(r => r.Node).Distinct().Should().BeEquivalentTo(["node-a", "node-b"], "both nodes took firings from the shared schedule");
        rows.Where(r => r.Recovering).Should().OnlyContain(r => r.Node == survivor);

        await (await SchedulerOf(nodes[survivor])).Shutdown(waitForJobsToComplete: true);
    }

    [SkippableFact]
    public async Task A_server_killed_by_the_operating_system_hands_the_schedule_to_the_other()
    {
        Skip.If(database is null, TestDatabase.NoPostgreSqlServer);
        using var first = NodeProcess.Start("node-1", database.Settings.ConnectionString, database.Settings.DataFolder);
        await first.WaitForAsync("Rule evaluation (NewEntries)", from: 0); // node 1 has migrated the database and runs the job
        using var second = NodeProcess.Start("node-2", database.Settings.ConnectionString, database.Settings.DataFolder);
        await second.WaitForAsync("scheduler running", from: 0);

        first.Kill(); // kill -9: no shutdown, no last check-in
        var afterKill = second.Lines;
        await second.WaitForAsync("detected 1 failed or restarted instances", afterKill);
        await second.WaitForAsync("Rule evaluation (NewEntries)", second.Lines);

        first.HasExited.Should().BeTrue();
        second.HasExited.Should().BeFalse("the survivor goes on running the schedule");
    }

    private static List<(string Firing, string Node, bool Recovering)> RecordedFirings(TestDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT firing, node, recovering FROM firings";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, bool)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return rows;
    }

    private static Task<IScheduler> SchedulerOf(IHost node) => node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    private IHost BuildNode(string name)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        const string never = "0 0 0 1 1 ? 2099"; // the product's own jobs stay out of the way
        foreach (var job in new[] { "RuleEvaluation", "DailyChecks", "Notifications", "Digest" })
        {
            builder.Configuration[$"Scheduling:{job}"] = never;
        }

        builder.Configuration["Scheduling:InstanceId"] = name;
        builder.AddScheduling(database!.Settings, TimeProvider.System, SchedulerHost.ScheduleFrom(builder), new MailSettings { PickupDirectory = database.Settings.DataFolder });
        builder.Services.AddQuartz(q => q.AddJob<FiringRecorder>(j => j.WithIdentity(FiringRecorder.Key).StoreDurably().RequestRecovery()));
        return builder.Build();
    }

    /// <summary>
    /// <c>AssetLedger.Host scheduler run</c> in a process of its own, on the test's database, with the new-entry rules
    /// every second and the other jobs never; its output read line by line.
    /// </summary>
    private sealed class NodeProcess : IDisposable
    {
        private readonly System.Diagnostics.Process process;
        private readonly List<string> lines = [];
        private readonly List<(string Text, TaskCompletionSource Seen)> waiting = [];

        private NodeProcess(System.Diagnostics.Process process) => this.process = process;

        public int Lines
        {
            get
            {
                lock (lines)
                {
                    return lines.Count;
                }
            }
        }

        public bool HasExited => process.HasExited;

        public static NodeProcess Start(string name, string connectionString, string dataFolder)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AssetLedger.Host.dll"));
            start.ArgumentList.Add("scheduler");
            start.ArgumentList.Add("run");
            start.Environment["Database__Provider"] = "PostgreSql";
            start.Environment["Database__ConnectionString"] = connectionString;
            start.Environment["Database__DataFolder"] = Path.Combine(dataFolder, name);
            start.Environment["Scheduling__InstanceId"] = name;
            start.Environment["Scheduling__RuleEvaluation"] = "* * * * * ?";
            foreach (var job in new[] { "DailyChecks", "Notifications", "Digest" })
            {
                start.Environment[$"Scheduling__{job}"] = "0 0 0 1 1 ? 2099";
            }

            var node = new NodeProcess(System.Diagnostics.Process.Start(start)!);
            node.process.OutputDataReceived += (_, e) => node.Add(e.Data);
            node.process.ErrorDataReceived += (_, e) => node.Add(e.Data);
            node.process.BeginOutputReadLine();
            node.process.BeginErrorReadLine();
            return node;
        }

        /// <summary>Until a line from line <paramref name="from"/> on contains <paramref name="text"/> (a minute at most).</summary>
        public async Task WaitForAsync(string text, int from)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (lines)
            {
                if (lines.Skip(from).Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                waiting.Add((text, seen));
            }

            try
            {
                await seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no line with '{text}' from line {from} within a minute; the node wrote:\n{string.Join('\n', Snapshot())}");
            }
        }

        public void Kill() => process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        private string[] Snapshot()
        {
            lock (lines)
            {
                return [.. lines];
            }
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(line);
                foreach (var w in waiting.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiting.Remove(w);
                    w.Seen.TrySetResult();
                }
            }
        }
    }

    /// <summary>Records a firing — which trigger, on which node — in the database once its work is done.</summary>
    private sealed class FiringRecorder : IJob
    {
        public static readonly JobKey Key = new("record-firing", "proof");

        private static Run current = null!;

        public static Run Begin(string connectionString) => current = new Run(connectionString);

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var run = current;
            var firing = (context.Recovering ? context.RecoveringTriggerKey! : context.Trigger.Key).Name;
            var node = context.Scheduler.SchedulerInstanceId;
            if (firing == Victim && !context.Recovering)
            {
                run.VictimStarted.TrySetResult(node);
                await run.Never.Task; // the node dies here: this job never gets to record anything
            }

            await using var connection = new NpgsqlConnection(run.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var insert = new NpgsqlCommand("INSERT INTO firings (firing, node, recovering) VALUES (@f, @n, @r)", connection);
            insert.Parameters.AddWithValue("f", firing);
            insert.Parameters.AddWithValue("n", node);
            insert.Parameters.AddWithValue("r", context.Recovering);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (run.Recorded.TryAdd(firing, node) && run.Recorded.Count == Firings)
            {
                run.AllRecorded.TrySetResult();
            }
        }

        public sealed class Run(string connectionString)
        {
            public string ConnectionString { get; } = connectionString;

            public TaskCompletionSource<string> VictimStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Never { get; } = new();

            public TaskCompletionSource AllRecorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            /// <summary>The firings recorded so far, in memory, to know when to look at the database.</summary>
            public ConcurrentDictionary<string, string> Recorded { get; } = new(StringComparer.Ordinal);
        }
    }
}
