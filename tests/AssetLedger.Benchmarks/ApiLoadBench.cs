using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.CommandLine;
using AssetLedger.Host.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Benchmarks;

/// <summary>
/// Posting vouchers over HTTP (docs/benchmarks.md): 20 concurrent clients for 30 s against the server on loopback
/// (`POST /api/vouchers` with a token), beside the same posting called in-process by 20 concurrent callers for 30 s.
/// Client, server and database share the machine's two cores.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- api-load [--postgres CONNECTION]
/// </summary>
internal static class ApiLoadBench
{
    private const int Clients = 20;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    /// <param name="postgresServer">A PostgreSQL server (a role that may create databases) to run on instead of SQLite.</param>
    public static async Task<string> RunAsync(string work, string? postgresServer)
    {
        Directory.CreateDirectory(work);
        var database = Path.Combine(work, "api.db");
        foreach (var f in Directory.GetFiles(work, "api.db*"))
        {
            File.Delete(f);
        }

        // SQLite: the file named by --db and Database:Path. PostgreSQL: a database of the bench's own, by the settings.
        var settings = new Dictionary<string, string?>();
        string[] cliDatabase = ["--db", database];
        string[] serverDatabase = ["--Database:Path", database];
        var engine = "SQLite";
        if (postgresServer is not null)
        {
            await using (var admin = new Npgsql.NpgsqlConnection(postgresServer))
            {
                await admin.OpenAsync();
                foreach (var sql in new[] { "DROP DATABASE IF EXISTS assetledger_api WITH (FORCE)", "CREATE DATABASE assetledger_api TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" })
                {
                    await using var command = new Npgsql.NpgsqlCommand(sql, admin);
                    await command.ExecuteNonQueryAsync();
                }
            }

            var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = "assetledger_api", MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;
            settings["Database:Provider"] = "PostgreSql";
            settings["Database:ConnectionString"] = connection;
            settings["Database:DataFolder"] = work;
            cliDatabase = [];
            serverDatabase = ["--Database:Provider", "PostgreSql", "--Database:ConnectionString", connection, "--Database:DataFolder", work];
            engine = "PostgreSQL (on loopback)";
        }

        var output = new StringWriter();
        var env = new CliEnvironment(output, Console.Error, TimeProvider.System, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        foreach (var args in new[]
        {
            new[] { "org", "add", "3301", "基准县", "--level", "county" }, ["org", "add", "330101", "基准镇", "--level", "township", "--parent", "3301"],
            ["org", "add", "33010101", "基准村", "--level", "village", "--parent", "330101"],
            ["user", "add", "acct", "--password", "Passw0rdOK"], ["user", "grant", "acct", "--role", "accountant", "--scope", "33010101"],
        })
        {
            await Cli.RunAsync([.. args, .. cliDatabase], env);
        }

        var tokenOut = new StringWriter();
        await Cli.RunAsync(["user", "token", "acct", "--label", "bench", .. cliDatabase], env with { Output = tokenOut });
        var token = tokenOut.ToString().Trim();

        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", .. serverDatabase, "--Demo:LoadWhenEmpty", "false", "--Logging:LogLevel:Default", "Warning"], TimeProvider.System).Value;
        await WebApp.MigrateAsync(app.Services);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var overHttp = await LoadAsync(async (client, n) =>
        {
            using var response = await client!.PostAsJsonAsync("/api/vouchers", new
            {
                org = "33010101", key = $"http-{n}", date = today,
                lines = new object[] { new { account = "513", summary = "购买办公用品", debit = "12.34" }, new { account = "102", summary = "购买办公用品", credit = "12.34" } },
            });
            response.EnsureSuccessStatusCode();
        }, () =>
        {
            var http = new HttpClient { BaseAddress = address };
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return http;
        });

        var inProcess = await LoadAsync(async (_, n) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var books = scope.ServiceProvider.GetRequiredService<BookDirectory>();
            var book = await books.FindBookAsync("33010101");
            var chart = await books.LoadChartAsync(book.Value.Book.Id);
            var posted = await scope.ServiceProvider.GetRequiredService<VoucherPosting>().PostAsync(chart, new VoucherDraft($"direct-{n}", DateOnly.Parse(today, CultureInfo.InvariantCulture),
                [new VoucherLineDraft("513", "购买办公用品", Money.FromYuan(12.34m), Money.Zero), new VoucherLineDraft("102", "购买办公用品", Money.Zero, Money.FromYuan(12.34m))]));
            if (!posted.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", posted.Errors));
            }
        }, () => null);

        await app.StopAsync();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: {Clients} concurrent callers for {Duration.TotalSeconds:0} s each way; client, server and {engine} on the same machine.");
        sb.AppendLine();
        sb.AppendLine("| measure | vouchers/s | p50 | p95 | p99 | target |");
        sb.AppendLine("|---|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `POST /api/vouchers` over HTTP on loopback (token, scope check, validation, posting) | {overHttp.Rate:N0} | {overHttp.P50:0.0} ms | **{overHttp.P95:0.0} ms** | {overHttp.P99:0.0} ms | p95 < 25 ms |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| the same posting called in-process (`VoucherPosting.PostAsync`) | {inProcess.Rate:N0} | {inProcess.P50:0.0} ms | {inProcess.P95:0.0} ms | {inProcess.P99:0.0} ms | (baseline) |");
        return sb.ToString();
    }

    private sealed record Load(double Rate, double P50, double P95, double P99);

    private static async Task<Load> LoadAsync(Func<HttpClient?, long, Task> call, Func<HttpClient?> client)
    {
        var latencies = new ConcurrentBag<double>();
        long next = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var http = client();
            while (stop.Elapsed < Duration)
            {
                // Each call starts on the thread pool like a request does: a posting that never waits (SQLite's I/O
                // is synchronous underneath) would otherwise run its caller's loop to the end before the next caller starts.
                var clock = Stopwatch.StartNew();
                await Task.Yield();
                await call(http, Interlocked.Increment(ref next));
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }));
        var sorted = latencies.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        return new Load(sorted.Count / stop.Elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99));
    }
}
