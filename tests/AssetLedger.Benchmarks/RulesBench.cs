using System.Diagnostics;
using System.Globalization;
using System.Text;
using AssetLedger.Core;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Benchmarks;

/// <summary>
/// The rule engine's claims (docs/benchmarks.md): an incremental run costs what is new, not what the ledger holds —
/// 10,000 new postings read on a 1,000,000-posting ledger and on a 100,000-posting one — and a full re-evaluation
/// is near the floor of reading every posting out of SQLite once.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- rules [--work DIR]
/// </summary>
internal static class RulesBench
{
    private const int Books = 50;
    private const int NewPostings = 10_000;
    private const int Rounds = 3;

    public static async Task<string> RunAsync(string work)
    {
        var small = await LedgerAsync(Path.Combine(work, "rules-100k"), 100_000);
        var large = await LedgerAsync(Path.Combine(work, "rules-1m"), 1_000_000);
        var rawRead = RawReadMs(large.Database);

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: {Books} books; incremental runs: median of {Rounds}, each after importing {NewPostings:N0} new postings into one book.");
        sb.AppendLine();
        sb.AppendLine("| measure | result | baseline (same run) | ratio | target |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| incremental run (the 15-minute job: new-entry rules), {NewPostings:N0} new postings, 1,000,000-posting ledger | {large.IncrementalMs:N0} ms | same on a 100,000-posting ledger: {small.IncrementalMs:N0} ms | **{large.IncrementalMs / small.IncrementalMs:0.00}** | < 200 ms; ratio ≤ 1.5 |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| full re-evaluation (`rules run --full`) of 1,000,000 postings, first run: every alert written | {large.FullMs:N0} ms | raw `SELECT` of every posting's columns, read once: {rawRead:N0} ms | **{large.FullMs / rawRead:0.00}** | ≤ 3.0 |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| the same again (a backfill after a change: the alerts exist) | {large.FullAgainMs:N0} ms | same | **{large.FullAgainMs / rawRead:0.00}** | ≤ 3.0 |");
        return sb.ToString();
    }

    private sealed record Measured(string Database, double IncrementalMs, double FullMs, double FullAgainMs);

    private static async Task<Measured> LedgerAsync(string folder, long postings)
    {
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "ledger.db");
        foreach (var f in Directory.GetFiles(folder, "ledger.db*"))
        {
            File.Delete(f);
        }

        Console.Error.WriteLine($"rules bench: a ledger of {postings:N0} postings in {folder} …");
        DataGenerator.Generate(Path.Combine(folder, "csv"), Books, postings);
        await using var provider = Services(DatabaseSettings.Sqlite(database));
        await CountyAsync(provider, Books);

        for (var b = 1; b <= Books; b++)
        {
            await ImportAsync(provider, DataGenerator.OrgCode(b), File.ReadAllText(Path.Combine(folder, "csv", $"{DataGenerator.OrgCode(b)}.csv")));
        }

        // The first run reads everything and sets the watermarks; it is the full re-evaluation's measure too.
        var full = await TimedRunAsync(provider, full: true);
        var fullAgain = await TimedRunAsync(provider, full: true);
        var incremental = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var extra = Path.Combine(folder, $"new-{round}");
            DataGenerator.Generate(extra, 1, NewPostings, seed: 100 + round);
            var csv = File.ReadAllText(Path.Combine(extra, $"{DataGenerator.OrgCode(1)}.csv"))
                .Replace($"\n{DataGenerator.OrgCode(1)}-", $"\n{DataGenerator.OrgCode(1)}-R{round}-", StringComparison.Ordinal);
            await ImportAsync(provider, DataGenerator.OrgCode(1), csv);
            incremental.Add(await TimedRunAsync(provider, full: false));
        }

        incremental.Sort();
        SqliteConnection.ClearAllPools();
        return new Measured(database, incremental[Rounds / 2], full, fullAgain);
    }

    /// <summary>The ledger and the rules on <paramref name="database"/>, as the benchmarks use them.</summary>
    internal static ServiceProvider Services(DatabaseSettings database) => new ServiceCollection()
        .AddSingleton(new Actor("benchmark"))
        .AddSingleton(TimeProvider.System)
        .AddLedger(database)
        .AddRules(database, new MailSettings { PickupDirectory = Path.Combine(database.DataFolder, "mail") })
        .BuildServiceProvider();

    /// <summary>The database migrated, and the generated county's organizations: C, T and a village per book.</summary>
    internal static async Task CountyAsync(IServiceProvider provider, int books)
    {
        await using var setup = provider.CreateAsyncScope();
        await LedgerDatabase.MigrateAsync(setup.ServiceProvider.GetRequiredService<LedgerDbContext>());
        await RulesDatabase.MigrateAsync(setup.ServiceProvider.GetRequiredService<RulesDbContext>());
        var orgs = setup.ServiceProvider.GetRequiredService<OrganizationService>();
        await orgs.AddAsync("C", "基准县", OrganizationLevel.County, null);
        await orgs.AddAsync("T", "基准镇", OrganizationLevel.Township, "C");
        for (var b = 1; b <= books; b++)
        {
            await orgs.AddAsync(DataGenerator.OrgCode(b), $"基准{b}村", OrganizationLevel.Village, "T");
        }
    }

    /// <summary>One book's import file through <c>voucher import</c>; the postings it wrote.</summary>
    internal static async Task<long> ImportAsync(IServiceProvider provider, string org, string csv)
    {
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<VoucherImport>().ImportAsync(org, new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        return result.Succeeded ? result.Value.Postings : throw new InvalidOperationException(string.Join("\n", result.Errors.Take(5)));
    }

    /// <summary>A rule run, full or of the new entries, timed.</summary>
    internal static async Task<double> TimedRunAsync(IServiceProvider provider, bool full)
    {
        await using var scope = provider.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<RuleEngine>().RunAsync(full: full, evaluation: full ? Evaluation.All : Evaluation.NewEntries);
        clock.Stop();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", result.Errors));
        }

        Console.Error.WriteLine($"  {(full ? "full" : "incremental")} run: {result.Value.VouchersRead:N0} vouchers, {result.Value.Raised.Count:N0} alerts, {clock.Elapsed.TotalMilliseconds:N0} ms");
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The floor: every posting's columns read once through the raw ADO.NET reader.</summary>
    private static double RawReadMs(string database)
    {
        using var connection = new SqliteConnection(LedgerDatabase.SqliteConnectionString(database));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM postings";
        var clock = Stopwatch.StartNew();
        using var reader = command.ExecuteReader();
        long rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        clock.Stop();
        return clock.Elapsed.TotalMilliseconds;
    }
}
