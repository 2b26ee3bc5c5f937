using System.Diagnostics;
using System.Globalization;
using AssetLedger.Core;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Verification;
using AssetLedger.Core.Vouchers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Benchmarks;

/// <summary>The measured phases; each runs alone in its process and returns its figures.</summary>
internal static class Phases
{
    public static async Task<Dictionary<string, double>> RunAsync(string name, string work, int books) => name switch
    {
        "raw-insert" => RawInsert(work, native: false),
        "raw-insert-native" => RawInsert(work, native: true),
        "import" => await ImportAsync(work, books),
        "writer-only" => await WriterOnlyAsync(work),
        "reader-only" => await ReaderOnlyAsync(work),
        "trial-balance" => await TrialBalanceAsync(work),
        "raw-group-by" => RawGroupBy(work),
        "verify" => await VerifyAsync(work),
        "cli-report" => CliReport(work, ["dotnet", Path.Combine(AppContext.BaseDirectory, "AssetLedger.Host.dll")]),
        "cli-report-r2r" => CliReport(work, [Path.Combine(work, "host-r2r", "AssetLedger.Host")]),
        "xlsx-journal" => XlsxBench.Journal(work, rows: books),
        "xlsx-raw" => XlsxBench.Raw(work, rows: books),
        _ => throw new ArgumentException($"unknown phase {name}"),
    };

    private static string LedgerPath(string work) => Path.Combine(work, "ledger.db");

    /// <summary>The diagnostic phases write here, leaving the measured database alone.</summary>
    private static string DiagnosticPath(string work) => Path.Combine(work, "diagnostic.db");

    private static ServiceProvider Services(string work, string? database = null) =>
        new ServiceCollection()
            .AddSingleton(new Actor("benchmark"))
            .AddLedger(o => o.UseLedgerSqlite(LedgerDatabase.SqliteConnectionString(database ?? LedgerPath(work))))
            .BuildServiceProvider();

    internal static double PeakMb()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The import path a user runs: <c>voucher import FILE --org CODE</c> for every book's file.</summary>
    private static async Task<Dictionary<string, double>> ImportAsync(string work, int books)
    {
        foreach (var f in Directory.GetFiles(work, "ledger.db*"))
        {
            File.Delete(f);
        }

        await using var provider = Services(work);
        await using (var setup = provider.CreateAsyncScope())
        {
            await LedgerDatabase.MigrateAsync(setup.ServiceProvider.GetRequiredService<LedgerDbContext>());
            var orgs = setup.ServiceProvider.GetRequiredService<OrganizationService>();
            await orgs.AddAsync("C", "基准县", OrganizationLevel.County, null);
            await orgs.AddAsync("T", "基准镇", OrganizationLevel.Township, "C");
            for (var b = 1; b <= books; b++)
            {
                (await orgs.AddAsync(DataGenerator.OrgCode(b), $"基准{b}村", OrganizationLevel.Village, "T")).Value.ToString();
            }
        }

        SqliteConnection.ClearAllPools();
        long postings = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 1; b <= books; b++)
        {
            await using var scope = provider.CreateAsyncScope();
            await using var file = File.OpenRead(Path.Combine(work, "csv", $"{DataGenerator.OrgCode(b)}.csv"));
            var result = await scope.ServiceProvider.GetRequiredService<VoucherImport>().ImportAsync(DataGenerator.OrgCode(b), file);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("\n", result.Errors.Take(5)));
            }

            postings += result.Value.Postings;
        }

        clock.Stop();
        return new() { ["rows"] = postings, ["seconds"] = clock.Elapsed.TotalSeconds, ["peakMb"] = PeakMb(), ["gcPauseMs"] = GC.GetTotalPauseDuration().TotalMilliseconds, ["gcs"] = GC.CollectionCount(0) };
    }

    /// <summary>Diagnostic: the reading half of the import alone (CSV → validated vouchers).</summary>
    private static async Task<Dictionary<string, double>> ReaderOnlyAsync(string work)
    {
        int id = 1;
        var chart = new Core.Accounts.BookChart(1, Core.Accounts.StandardChart.Chart2023.Select(a => new Core.Accounts.Account
        {
            Id = id++, BookId = 1, Code = a.Code, Name = a.Name, ParentCode = a.ParentCode, Flags = a.Flags, NormalSide = a.NormalSide, Category = a.Category,
        }));
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await using (var file = File.OpenRead(Path.Combine(work, "csv", $"{DataGenerator.OrgCode(1)}.csv")))
        {
            foreach (var d in VoucherCsvReader.Read(file, ImportLimits.Default))
            {
                rows += VoucherRules.Validate(d.Draft!, chart, d.LineLocation).Value.Lines.Count;
            }
        }

        return new() { ["rows"] = rows, ["seconds"] = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Diagnostic: the database half of the import alone, from vouchers validated in memory beforehand.</summary>
    private static async Task<Dictionary<string, double>> WriterOnlyAsync(string work)
    {
        foreach (var f in Directory.GetFiles(work, "diagnostic.db*"))
        {
            File.Delete(f);
        }

        await using var provider = Services(work, DiagnosticPath(work));
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        await LedgerDatabase.MigrateAsync(db);
        var orgs = scope.ServiceProvider.GetRequiredService<OrganizationService>();
        await orgs.AddAsync("C", "基准县", OrganizationLevel.County, null);
        await orgs.AddAsync("T", "基准镇", OrganizationLevel.Township, "C");
        await orgs.AddAsync(DataGenerator.OrgCode(1), "基准村", OrganizationLevel.Village, "T");
        var books = scope.ServiceProvider.GetRequiredService<BookDirectory>();
        var chart = await books.LoadChartAsync((await books.FindBookAsync(DataGenerator.OrgCode(1))).Value.Book.Id);
        var validated = new List<ValidatedVoucher>();
        await using (var file = File.OpenRead(Path.Combine(work, "csv", $"{DataGenerator.OrgCode(1)}.csv")))
        {
            foreach (var d in VoucherCsvReader.Read(file, ImportLimits.Default))
            {
                validated.Add(VoucherRules.Validate(d.Draft!, chart).Value);
            }
        }

        var clock = Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync();
        await using (var writer = new VoucherWriter(db, chart.BookId, new Actor("bench"), TimeProvider.System))
        {
            foreach (var v in validated)
            {
                writer.Write(v);
            }

            writer.Complete();
        }

        await tx.CommitAsync();
        clock.Stop();
        return new() { ["rows"] = validated.Sum(v => v.Lines.Count), ["seconds"] = clock.Elapsed.TotalSeconds, ["gcPauseMs"] = GC.GetTotalPauseDuration().TotalMilliseconds, ["gcs"] = GC.CollectionCount(0) };
    }

    private sealed record Row(long Voucher, int Line, int Account, int? Counterparty, long Debit, long Credit, string Summary);

    /// <summary>The same postings, parsed beforehand, inserted with one prepared statement in one transaction.</summary>
    private static Dictionary<string, double> RawInsert(string work, bool native)
    {
        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var counterparties = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<Row>(1 << 20);
        var files = Directory.GetFiles(Path.Combine(work, "csv"), "*.csv").Order(StringComparer.Ordinal).ToArray();
        long voucher = 0;
        for (var b = 0; b < files.Length; b++)
        {
            string? lastKey = null;
            var line = 0;
            foreach (var text in File.ReadLines(files[b]).Skip(1))
            {
                var f = text.Split(',');
                if (f[0] != lastKey)
                {
                    voucher++;
                    lastKey = f[0];
                    line = 0;
                }

                int? cp = f[6].Length == 0 ? null : Id(counterparties, f[6]);
                rows.Add(new Row(voucher, ++line, Id(accounts, f[3]), cp, Fen(f[4]), Fen(f[5]), f[2]));
            }
        }

        var path = Path.Combine(work, native ? "raw-native.db" : "raw.db");
        File.Delete(path);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec(connection, """
            CREATE TABLE postings (id INTEGER PRIMARY KEY, voucher_id INTEGER NOT NULL, line_no INTEGER NOT NULL,
                account_id INTEGER NOT NULL, counterparty_id INTEGER NULL, debit INTEGER NOT NULL, credit INTEGER NOT NULL,
                summary TEXT NOT NULL)
            """);

        var clock = Stopwatch.StartNew();
        using (var tx = connection.BeginTransaction())
        {
            const string sql = "INSERT INTO postings (voucher_id, line_no, account_id, counterparty_id, debit, credit, summary) VALUES ($v, $l, $a, $c, $d, $k, $s)";
            if (native)
            {
                // The same statement through SQLite's C API, bound by position: the floor for any insert path.
                SQLitePCL.raw.sqlite3_prepare_v2(connection.Handle, sql, out SQLitePCL.sqlite3_stmt statement);
                foreach (var r in rows)
                {
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 1, r.Voucher);
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 2, r.Line);
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 3, r.Account);
                    if (r.Counterparty is { } cp)
                    {
                        SQLitePCL.raw.sqlite3_bind_int64(statement, 4, cp);
                    }
                    else
                    {
                        SQLitePCL.raw.sqlite3_bind_null(statement, 4);
                    }

                    SQLitePCL.raw.sqlite3_bind_int64(statement, 5, r.Debit);
                    SQLitePCL.raw.sqlite3_bind_int64(statement, 6, r.Credit);
                    SQLitePCL.raw.sqlite3_bind_text(statement, 7, r.Summary);
                    if (SQLitePCL.raw.sqlite3_step(statement) != SQLitePCL.raw.SQLITE_DONE)
                    {
                        throw new InvalidOperationException("raw insert failed");
                    }

                    SQLitePCL.raw.sqlite3_reset(statement);
                }

                statement.Dispose();
            }
            else
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = sql;
                var p = new[] { "$v", "$l", "$a", "$c", "$d", "$k", "$s" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
                insert.Prepare();
                foreach (var r in rows)
                {
                    p[0].Value = r.Voucher;
                    p[1].Value = r.Line;
                    p[2].Value = r.Account;
                    p[3].Value = (object?)r.Counterparty ?? DBNull.Value;
                    p[4].Value = r.Debit;
                    p[5].Value = r.Credit;
                    p[6].Value = r.Summary;
                    insert.ExecuteNonQuery();
                }
            }

            tx.Commit();
        }

        clock.Stop();
        return new() { ["rows"] = rows.Count, ["seconds"] = clock.Elapsed.TotalSeconds, ["peakMb"] = PeakMb() };

        static int Id(Dictionary<string, int> d, string key)
        {
            if (!d.TryGetValue(key, out var id))
            {
                id = d.Count + 1;
                d[key] = id;
            }

            return id;
        }

        static long Fen(string s) => s.Length == 0 ? 0 : (long)(decimal.Parse(s, CultureInfo.InvariantCulture) * 100);
    }

    private static async Task<Dictionary<string, double>> TrialBalanceAsync(string work)
    {
        await using var provider = Services(work);
        var period = AccountingPeriod.Of(2024, 12);
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var tb = await scope.ServiceProvider.GetRequiredService<StatementService>().TrialBalanceAsync(DataGenerator.OrgCode(1), period);
            clock.Stop();
            if (!tb.Value.IsBalanced)
            {
                throw new InvalidOperationException("trial balance does not balance");
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds); // the first run builds EF's model and compiles the queries
            }
        }

        return new() { ["ms"] = Median(times) };
    }

    /// <summary>A plain SQL aggregate over every posting: less than verify computes, but the same rows read once.</summary>
    private static Dictionary<string, double> RawGroupBy(string work)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerPath(work)}");
        connection.Open();
        var times = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT account_id, counterparty_id, SUM(debit), SUM(credit), COUNT(*) FROM postings GROUP BY account_id, counterparty_id";
            using var reader = command.ExecuteReader();
            long sum = 0;
            while (reader.Read())
            {
                sum += reader.GetInt64(2);
            }

            clock.Stop();
            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new() { ["ms"] = Median(times) };
    }

    private static async Task<Dictionary<string, double>> VerifyAsync(string work)
    {
        await using var provider = Services(work);
        var times = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            await using var scope = provider.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var report = await scope.ServiceProvider.GetRequiredService<LedgerVerifier>().VerifyAsync(null);
            clock.Stop();
            if (!report.Value.Passed)
            {
                throw new InvalidOperationException(string.Join("\n", report.Value.Findings.Take(5)));
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new() { ["ms"] = Median(times) };
    }

    /// <summary>The real command line in a new process: <c>AssetLedger.Host report trial-balance …</c>.</summary>
    private static Dictionary<string, double> CliReport(string work, string[] host)
    {
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var info = new ProcessStartInfo(host[0]) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in host.Skip(1).Concat(["report", "trial-balance", "--org", DataGenerator.OrgCode(1), "--period", "2024-12", "--db", LedgerPath(work)]))
            {
                info.ArgumentList.Add(a);
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            clock.Stop();
            if (process.ExitCode != 0 || !output.Contains("合计", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"report failed: exit {process.ExitCode}\n{output}");
            }

            if (i > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return new() { ["ms"] = Median(times) };
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
