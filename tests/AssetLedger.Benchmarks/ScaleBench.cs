using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Statements;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetLedger.Benchmarks;

/// <summary>
/// A county on each engine, side by side: the same generated ledger (by default 3,000,000 postings in 500 books)
/// imported through <c>voucher import</c>, a trial balance, and the rule engine's full and incremental runs, on a
/// SQLite file and on a PostgreSQL database; each beside a raw baseline on the same engine in the same run.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- scale --postgres "Host=…;Username=…;Password=…;Database=postgres" [--postings 3000000] [--books 500] [--work DIR]
/// The PostgreSQL role must be allowed to create databases; the benchmark makes and drops <c>assetledger_scale</c>.
/// </summary>
internal static class ScaleBench
{
    private const int NewPostings = 10_000;
    private const string ScratchTable = "raw_postings";

    public static async Task<string> RunAsync(string work, string postgresServer, long postings, int books)
    {
        Directory.CreateDirectory(work);
        var csv = Path.Combine(work, "csv");
        Console.Error.WriteLine($"scale bench: generating {postings:N0} postings in {books} books …");
        var (generated, vouchers) = DataGenerator.Generate(csv, books, postings);
        var sqliteFile = Path.Combine(work, "scale.db");
        foreach (var f in Directory.GetFiles(work, "scale.db*"))
        {
            File.Delete(f);
        }

        // Npgsql prepares a statement once it has run twice (the setting docs/postgresql.md recommends), for the
        // ledger and the baseline alike.
        var postgres = new NpgsqlConnectionStringBuilder(postgresServer) { Database = "assetledger_scale", MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;
        AdminSql(postgresServer, "DROP DATABASE IF EXISTS assetledger_scale WITH (FORCE)");
        AdminSql(postgresServer, "CREATE DATABASE assetledger_scale TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");

        var engines = new[] { ("SQLite", DatabaseSettings.Sqlite(sqliteFile)), ("PostgreSQL", DatabaseSettings.PostgreSql(postgres, work)) };
        var results = new List<Measured>();
        foreach (var (name, database) in engines)
        {
            Console.Error.WriteLine($"scale bench: {name} …");
            results.Add(await MeasureAsync(name, database, csv, books));
        }

        AdminSql(postgresServer, "DROP DATABASE IF EXISTS assetledger_scale WITH (FORCE)");

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}: {generated:N0} postings in {vouchers:N0} vouchers, {books} books; PostgreSQL {results[1].Version} on loopback ({results[1].Durability}); SQLite {results[0].Version} ({results[0].Durability}).");
        sb.AppendLine();
        sb.AppendLine("| measure | SQLite | baseline, SQLite | ratio | PostgreSQL | baseline, PostgreSQL | ratio |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        var (s, p) = (results[0], results[1]);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `voucher import` of every book, CSV → committed | {s.ImportRate:N0} postings/s | raw prepared INSERT of the same rows: {s.RawInsertRate:N0} rows/s | **{s.ImportRate / s.RawInsertRate:0.00}** | {p.ImportRate:N0} postings/s | {p.RawInsertRate:N0} rows/s | **{p.ImportRate / p.RawInsertRate:0.00}** |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| trial balance of one book (median of 20) | {s.TrialBalanceMs:0.0} ms | | | {p.TrialBalanceMs:0.0} ms | | |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| rules: full run over every posting (every alert written) | {s.FullMs:N0} ms | raw `SELECT *` of every posting: {s.RawReadMs:N0} ms | **{s.FullMs / s.RawReadMs:0.00}** | {p.FullMs:N0} ms | {p.RawReadMs:N0} ms | **{p.FullMs / p.RawReadMs:0.00}** |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| rules: incremental run after {NewPostings:N0} new postings in one book | {s.IncrementalMs:N0} ms | | | {p.IncrementalMs:N0} ms | | |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| bytes on disk per posting, everything included (the ledger, its indexes, balances, alerts) | {s.BytesPerPosting:N0} B | | | {p.BytesPerPosting:N0} B | | |");
        return sb.ToString();
    }

    private sealed record Measured(string Version, string Durability, double ImportRate, double RawInsertRate, double TrialBalanceMs, double FullMs, double IncrementalMs, double RawReadMs, double BytesPerPosting);

    private static async Task<Measured> MeasureAsync(string engine, DatabaseSettings database, string csv, int books)
    {
        await using var provider = RulesBench.Services(database);
        await RulesBench.CountyAsync(provider, books);

        long imported = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 1; b <= books; b++)
        {
            imported += await RulesBench.ImportAsync(provider, DataGenerator.OrgCode(b), File.ReadAllText(Path.Combine(csv, $"{DataGenerator.OrgCode(b)}.csv")));
        }

        clock.Stop();
        var importRate = imported / clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"  {engine}: imported {imported:N0} postings in {clock.Elapsed.TotalSeconds:0.0} s");

        var trialBalance = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var tb = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<StatementService>().TrialBalanceAsync(DataGenerator.OrgCode(1), AccountingPeriod.Of(2024, 12));
            tb.Stop();
            if (!result.Value.IsBalanced)
            {
                throw new InvalidOperationException("trial balance does not balance");
            }

            if (i > 0)
            {
                trialBalance.Add(tb.Elapsed.TotalMilliseconds);
            }
        }

        var full = await RulesBench.TimedRunAsync(provider, full: true);
        var extra = Path.Combine(csv, "..", $"new-{engine}");
        DataGenerator.Generate(extra, 1, NewPostings, seed: 100);
        await RulesBench.ImportAsync(provider, DataGenerator.OrgCode(1), File.ReadAllText(Path.Combine(extra, $"{DataGenerator.OrgCode(1)}.csv"))
            .Replace($"\n{DataGenerator.OrgCode(1)}-", $"\n{DataGenerator.OrgCode(1)}-N-", StringComparison.Ordinal));
        var incremental = await RulesBench.TimedRunAsync(provider, full: false);

        using var connection = Open(database);
        var version = connection.ServerVersion;
        var durability = database.Provider == DatabaseProvider.PostgreSql ? $"fsync {Text(connection, "SHOW fsync")}, synchronous_commit {Text(connection, "SHOW synchronous_commit")}" : "WAL, synchronous=NORMAL";
        var bytesPerPosting = BytesPerPosting(connection, database);
        var rawRead = RawReadMs(connection);
        var rawInsert = RawInsertRate(connection, database.Provider);
        database.ClearPools();
        trialBalance.Sort();
        return new Measured(version, durability, importRate, rawInsert, trialBalance[trialBalance.Count / 2], full, incremental, rawRead, bytesPerPosting);
    }

    /// <summary>The whole database's size on disk over its postings: what a year of a county costs in storage.</summary>
    private static double BytesPerPosting(DbConnection connection, DatabaseSettings database)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM postings";
        var postings = Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            Sql(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            return new FileInfo(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource).Length / postings;
        }

        command.CommandText = "SELECT pg_database_size(current_database())";
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture) / postings;
    }

    private static DbConnection Open(DatabaseSettings database)
    {
        DbConnection connection = database.Provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(database.ConnectionString) : new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The floor for reading: every posting's columns read once through the raw ADO.NET reader.</summary>
    private static double RawReadMs(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM postings";
        command.CommandTimeout = 0;
        var clock = Stopwatch.StartNew();
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The floor for writing: the posting rows, read into memory first, inserted again into a table of the same
    /// columns with one prepared command in one transaction (on SQLite with WAL and synchronous=NORMAL, as the ledger runs).
    /// </summary>
    private static double RawInsertRate(DbConnection connection, DatabaseProvider provider)
    {
        var rows = new List<object[]>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id, voucher_id, line_no, account_id, counterparty_id, debit, credit, summary FROM postings";
            read.CommandTimeout = 0;
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var values = new object[8];
                reader.GetValues(values);
                rows.Add(values);
            }
        }

        Sql(connection, $"DROP TABLE IF EXISTS {ScratchTable}");
        Sql(connection, $"CREATE TABLE {ScratchTable} AS SELECT id, voucher_id, line_no, account_id, counterparty_id, debit, credit, summary FROM postings WHERE 1 = 0");
        if (provider == DatabaseProvider.Sqlite)
        {
            Sql(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        }

        var clock = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {ScratchTable} VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)";
            var parameters = Enumerable.Range(0, 8).Select(i =>
            {
                var p = insert.CreateParameter();
                p.ParameterName = $"@p{i}";
                insert.Parameters.Add(p);
                return p;
            }).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < 8; i++)
                {
                    parameters[i].Value = row[i];
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        clock.Stop();
        Sql(connection, $"DROP TABLE {ScratchTable}");
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    private static string Text(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static void Sql(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void AdminSql(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        Sql(connection, sql);
    }
}
