using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AssetLedger.Benchmarks;

/// <summary>
/// Start-up to the first served request (docs/benchmarks.md): the built Host started with no verb on a migrated,
/// non-empty database (the demo county), timed until <c>GET /health</c> answers 200; the floor is a trivial
/// <c>dotnet</c> process start, measured in the same run.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- startup
/// </summary>
internal static class StartupBench
{
    private const int Rounds = 5;

    public static async Task<string> RunAsync(string work)
    {
        Directory.CreateDirectory(work);
        var database = Path.Combine(work, "startup.db");
        var host = Path.Combine(AppContext.BaseDirectory, "AssetLedger.Host.dll");
        if (!File.Exists(database))
        {
            await RunToEndAsync("dotnet", [host, "demo", "load", "--db", database]);
        }

        var serve = new List<double>();
        var floor = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            floor.Add(await RunToEndAsync("dotnet", ["--version"]));
            serve.Add(await FirstRequestAsync(host, database));
        }

        serve.Sort();
        floor.Sort();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, medians of {Rounds} (start to first answer: {string.Join(", ", serve.Select(s => $"{s:N0} ms"))}).");
        sb.AppendLine();
        sb.AppendLine("| measure | result | baseline (same run) | ratio | target |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `dotnet AssetLedger.Host.dll` (no verb) to the first `GET /health` 200, demo county database, as built (JIT) | {serve[Rounds / 2]:N0} ms | `dotnet --version`, start to exit: {floor[Rounds / 2]:N0} ms | {serve[Rounds / 2] / floor[Rounds / 2]:0.0} | < 2,000 ms |");
        return sb.ToString();
    }

    private static async Task<double> FirstRequestAsync(string host, string database)
    {
        var port = FreePort();
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { host, "--urls", $"http://127.0.0.1:{port}", "--Database:Path", database })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/health");
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    clock.Stop();
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> RunToEndAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
