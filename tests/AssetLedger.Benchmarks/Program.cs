using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AssetLedger.Benchmarks;

// The ledger benchmarks (docs/benchmarks.md). Each phase runs in a process of its own, so that its peak memory is
// its own, and every figure is reported beside a raw baseline measured in the same run:
//   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- [--postings 1000000] [--books 50] [--work DIR]
// The rule engine's: ... -- rules [--work DIR]
// The Excel journal's: ... -- xlsx [--rows 100000] [--rounds 3]
// The server's start-up: ... -- startup [--work DIR]
// Posting over HTTP: ... -- api-load [--postgres CONNECTION] [--work DIR]
// The web pages on the demo county: ... -- pages [--work DIR]
// SQLite beside PostgreSQL at county scale: ... -- scale --postgres CONNECTION [--postings 3000000] [--books 500] [--work DIR]
// A phase can be run alone: ... -- phase <name> <work dir> <books>
if (args.Length > 0 && args[0] == "phase")
{
    var result = await Phases.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

if (args.Length > 0 && args[0] == "api-load")
{
    Console.WriteLine(await ApiLoadBench.RunAsync(OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-api-bench"), OptionText("--postgres")));
    return 0;
}

if (args.Length > 0 && args[0] == "scale")
{
    var server = OptionText("--postgres") ?? Environment.GetEnvironmentVariable("ASSETLEDGER_TEST_POSTGRES")
        ?? throw new ArgumentException("scale needs --postgres CONNECTION (a role that may create databases)");
    Console.WriteLine(await ScaleBench.RunAsync(OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-scale-bench"), server,
        Option("--postings", 3_000_000), (int)Option("--books", 500)));
    return 0;
}

if (args.Length > 0 && args[0] == "pages")
{
    Console.WriteLine(await PagesBench.RunAsync(OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-pages-bench")));
    return 0;
}

if (args.Length > 0 && args[0] == "startup")
{
    Console.WriteLine(await StartupBench.RunAsync(OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-startup-bench")));
    return 0;
}

if (args.Length > 0 && args[0] == "rules")
{
    var rulesWork = OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-rules-bench");
    Console.WriteLine(await RulesBench.RunAsync(rulesWork));
    return 0;
}

var postings = Option("--postings", 1_000_000);
var rounds = (int)Option("--rounds", 3);
var books = (int)Option("--books", 50);
var work = OptionText("--work") ?? Path.Combine(Path.GetTempPath(), "assetledger-bench");
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);

if (args.Length > 0 && args[0] == "xlsx")
{
    // books carries the row count to the phases.
    books = (int)Option("--rows", 100_000);
    var writes = new List<Dictionary<string, double>>();
    var raws = new List<Dictionary<string, double>>();
    for (var round = 0; round < rounds; round++)
    {
        raws.Add(Phase("xlsx-raw"));
        writes.Add(Phase("xlsx-journal"));
    }

    var w = MedianBy(writes, "seconds");
    var r = MedianBy(raws, "seconds");
    var x = new StringBuilder();
    x.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: a {books:N0}-line 序时账, medians of {rounds} interleaved rounds, each phase in a process of its own (journal runs: {string.Join(", ", writes.Select(d => $"{d["seconds"]:0.00} s"))}; raw runs: {string.Join(", ", raws.Select(d => $"{d["seconds"]:0.00} s"))}).");
    x.AppendLine();
    x.AppendLine("| measure | result | baseline (same run) | ratio | target |");
    x.AppendLine("|---|---|---|---|---|");
    x.AppendLine(CultureInfo.InvariantCulture, $"| `report journal --format xlsx`'s writer: title block, styles, frozen header, print setup, totals | {w["seconds"]:0.00} s | plain `OpenXmlWriter` of the same rows (inline strings and numbers, no styles): {r["seconds"]:0.00} s | **{w["seconds"] / r["seconds"]:0.00}** | ≤ 1.5 |");
    x.AppendLine(CultureInfo.InvariantCulture, $"| peak memory (VmHWM) of the process, the 100,000 journal lines held in memory included | {w["peakMb"]:N0} MB | raw: {r["peakMb"]:N0} MB | | < 300 MB |");
    Console.WriteLine(x.ToString());
    return 0;
}
Console.Error.WriteLine($"generating {postings:N0} postings in {books} books under {work} …");
var (generated, vouchers) = DataGenerator.Generate(Path.Combine(work, "csv"), books, postings);

Console.Error.WriteLine("publishing the Host ReadyToRun, as a deployment would …");
Publish(Path.Combine(work, "host-r2r"));

// The machine is shared and noisy: the insert phases run interleaved, round after round, and report medians.
var rawRuns = new List<Dictionary<string, double>>();
var rawNativeRuns = new List<Dictionary<string, double>>();
var importRuns = new List<Dictionary<string, double>>();
for (var round = 0; round < rounds; round++)
{
    rawRuns.Add(Phase("raw-insert"));
    rawNativeRuns.Add(Phase("raw-insert-native"));
    importRuns.Add(Phase("import"));
}

var raw = MedianBy(rawRuns, "seconds");
var rawNative = MedianBy(rawNativeRuns, "seconds");
var import = MedianBy(importRuns, "seconds");
var reader = Phase("reader-only");
var writer = Phase("writer-only");
var trial = Phase("trial-balance");
var rawGroupBy = Phase("raw-group-by");
var verify = Phase("verify");
var cli = Phase("cli-report");
var cliR2r = Phase("cli-report-r2r");

double Rate(Dictionary<string, double> r) => r["rows"] / r["seconds"];
var sb = new StringBuilder();
sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}: {generated:N0} postings in {vouchers:N0} vouchers, {books} books; insert phases: median of {rounds} interleaved rounds (import runs: {string.Join(", ", importRuns.Select(r => $"{r["seconds"]:0.00} s"))}; raw runs: {string.Join(", ", rawRuns.Select(r => $"{r["seconds"]:0.00} s"))}).");
sb.AppendLine();
sb.AppendLine("| measure | result | baseline (same run) | ratio | target |");
sb.AppendLine("|---|---|---|---|---|");
sb.AppendLine(CultureInfo.InvariantCulture, $"| `voucher import` of every posting, CSV → committed (numbering, balances, keys, audit) | {Rate(import):N0} postings/s | raw prepared INSERT of the same rows into a table of the same columns: {Rate(raw):N0} rows/s | **{Rate(import) / Rate(raw):0.00}** | ≥ 0.40 |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| same import, against a stricter floor | | the same INSERT through SQLite's C API, bound by position: {Rate(rawNative):N0} rows/s | {Rate(import) / Rate(rawNative):0.00} | (for reference) |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| of which (diagnostic, first book alone): reading and validating the CSV on one core | {Rate(reader):N0} postings/s | | {Rate(reader) / Rate(raw):0.00} | |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| of which (diagnostic, first book alone): writing validated vouchers on the other | {Rate(writer):N0} postings/s | | {Rate(writer) / Rate(raw):0.00} | |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| peak memory (VmHWM) of the import process | {import["peakMb"]:N0} MB | raw insert process, rows held in memory: {raw["peakMb"]:N0} MB | | < 300 MB |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| trial balance of one book from maintained balances (median of 20) | {trial["ms"]:0.0} ms | | | < 10 ms |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| `verify` over all postings (median of 3) | {verify["ms"]:N0} ms | raw `SELECT … SUM(debit), SUM(credit) … GROUP BY account_id, counterparty_id` over the postings: {rawGroupBy["ms"]:N0} ms | **{verify["ms"] / rawGroupBy["ms"]:0.00}** | ≤ 2.0 |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| `report trial-balance` through the command line, process start to exit (median of 5), as built (`dotnet AssetLedger.Host.dll`, JIT) | {cli["ms"]:N0} ms | | | < 1,000 ms |");
sb.AppendLine(CultureInfo.InvariantCulture, $"| same, Host published ReadyToRun (`dotnet publish -p:PublishReadyToRun=true`) | {cliR2r["ms"]:N0} ms | | | < 1,000 ms |");
Console.WriteLine(sb.ToString());
return 0;

static Dictionary<string, double> MedianBy(List<Dictionary<string, double>> runs, string key) =>
    runs.OrderBy(r => r[key]).ElementAt(runs.Count / 2);

Dictionary<string, double> Phase(string name)
{
    Console.Error.WriteLine($"phase {name} …");
    var info = new ProcessStartInfo(Environment.ProcessPath!)
    {
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    // Under the dotnet host the assembly is the first argument; the app host needs none ("AssetLedger.Benchmarks" has
    // no extension to strip: compare whole file names).
    if (Path.GetFileName(Environment.ProcessPath!) is "dotnet" or "dotnet.exe")
    {
        info.ArgumentList.Add(typeof(Phases).Assembly.Location);
    }

    foreach (var a in new[] { "phase", name, work, books.ToString(CultureInfo.InvariantCulture) })
    {
        info.ArgumentList.Add(a);
    }

    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"phase {name} failed (exit {process.ExitCode}):\n{output}");
    var result = JsonSerializer.Deserialize<Dictionary<string, double>>(line["RESULT ".Length..])!;
    Console.Error.WriteLine("  " + string.Join(", ", result.Select(kv => $"{kv.Key}={kv.Value:0.###}")));
    return result;
}

// Publishes the Host as a deployment would (ReadyToRun), from the solution this benchmark belongs to.
void Publish(string output)
{
    var root = new DirectoryInfo(AppContext.BaseDirectory);
    while (root is not null && !File.Exists(Path.Combine(root.FullName, "AssetLedger.sln")))
    {
        root = root.Parent;
    }

    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
    foreach (var a in new[] { "publish", Path.Combine(root!.FullName, "src", "AssetLedger.Host"), "-c", "Release", "-r", "linux-x64",
        "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output })
    {
        info.ArgumentList.Add(a);
    }

    using var process = Process.Start(info)!;
    var log = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet publish failed:\n{log}");
    }
}

long Option(string name, long fallback) =>
    OptionText(name) is { } v ? long.Parse(v.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
