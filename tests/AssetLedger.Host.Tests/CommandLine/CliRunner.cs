using System.Text;
using AssetLedger.Host.CommandLine;
using AssetLedger.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>
/// Runs the real command line in-process against a real database: a SQLite file in a temporary folder, or a
/// PostgreSQL database of the test's own when the suite runs there (<see cref="TestDatabase"/>).
/// </summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Folder = Directory.CreateTempSubdirectory("assetledger-cli-").FullName;
        DatabasePath = Path.Combine(Folder, "ledger.db");
        Database = TestDatabase.Create(DatabasePath);
    }

    public string Folder { get; }

    /// <summary>The SQLite file the commands use unless the suite runs on PostgreSQL (and what <c>--db</c> names).</summary>
    public string DatabasePath { get; }

    public TestDatabase Database { get; }

    /// <summary>How a server started by a test is told this database (<c>--Database:…</c> options).</summary>
    public string[] ServerDatabaseArguments => Database.IsPostgreSql
        ? ["--Database:Provider", "PostgreSql", "--Database:ConnectionString", Database.Settings.ConnectionString, "--Database:DataFolder", Folder]
        : ["--Database:Path", DatabasePath];

    /// <summary>A new open connection to the database, for a test that changes it behind the application's back.</summary>
    public System.Data.Common.DbConnection OpenDatabase() => Database.Open();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>The configuration the command line sees (e.g. <c>Smtp:Host</c>), as its environment would give it.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Runs one command on the test's database (<c>--db</c>, or the PostgreSQL settings) unless the test names its own file.</summary>
    /// <summary>What the next runs read from standard input (a password piped in); null: none.</summary>
    public string? Input { get; set; }

    public async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // A test that names its own --db file, or its own provider, uses that database whatever the suite runs on.
        var ownFile = args.Contains("--db") || Settings.ContainsKey("Database:Provider");
        var withDb = ownFile || Database.IsPostgreSql ? args : [.. args, "--db", DatabasePath];
        var settings = new Dictionary<string, string?>(Settings);
        if (Database.IsPostgreSql && !ownFile)
        {
            settings.TryAdd("Database:Provider", "PostgreSql");
            settings.TryAdd("Database:ConnectionString", Database.Settings.ConnectionString);
            settings.TryAdd("Database:DataFolder", Folder); // what SQLite keeps beside its file (the mail pickup folder)
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var code = await Cli.RunAsync(withDb, new CliEnvironment(output, error, Clock, configuration, Input is null ? null : new StringReader(Input)));
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed, and returns its output.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.Output;
    }

    /// <summary>清河县 (3301) → 城关镇 (330101) → 东风村 (33010101): the organizations most command-line tests start from.</summary>
    public async Task CountyWithVillageAsync()
    {
        await OkAsync("org", "add", "3301", "清河县", "--level", "county");
        await OkAsync("org", "add", "330101", "城关镇", "--level", "township", "--parent", "3301");
        await OkAsync("org", "add", "33010101", "东风村", "--level", "village", "--parent", "330101");
    }

    /// <summary>A payment out of the bank for 511 (a voucher import of one voucher), dated <paramref name="date"/>.</summary>
    /// <summary>The voucher that buys a 30,000 元 tractor, F1, and its card (acquired on <paramref name="date"/>), so that the register and 151 agree.</summary>
    public async Task TractorAsync(string org, string date = "2024-01-10")
    {
        await OkAsync("voucher", "import", WriteFile($"tractor-{org}.csv",
            $"key,date,summary,account,debit,credit\ntractor,{date},购入拖拉机,151,30000,\ntractor,{date},购入拖拉机,102,,30000\n"), "--org", org);
        await OkAsync("asset", "import", WriteFile($"tractor-card-{org}.csv",
            $"code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated\nF1,拖拉机,机器设备,{date},30000,120,5%,straight_line,production,0\n"), "--org", org);
    }

    public async Task PayAsync(string org, string date, decimal yuan)
    {
        var amount = yuan.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await OkAsync("voucher", "import", WriteFile($"pay-{date}-{amount}.csv",
            $"key,date,summary,account,debit,credit\nP{date}-{amount},{date},支付工程款,511,{amount},\nP{date}-{amount},{date},支付工程款,102,,{amount}\n"), "--org", org);
    }

    public string WriteFile(string name, string content, bool bom = false)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    public void Dispose()
    {
        Database.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder left behind is harmless
        }
    }
}
