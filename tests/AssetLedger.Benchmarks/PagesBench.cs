using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Demo;
using AssetLedger.Host.Web;
using AssetLedger.Rules.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Benchmarks;

/// <summary>
/// The pages on the demo county from a warm server (docs/benchmarks.md): each page requested by its signed-in user,
/// once to warm it, then <see cref="Rounds"/> times one after another; the baseline is <c>GET /health</c> (a
/// database query and a scheduler check) measured the same way in the same run.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- pages
/// </summary>
internal static class PagesBench
{
    private const int Rounds = 30;

    public static async Task<string> RunAsync(string work)
    {
        Directory.CreateDirectory(work);
        var database = Path.Combine(work, "pages.db");
        if (!File.Exists(database))
        {
            using var load = Process.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssetLedger.Host.dll"), "demo", "load", "--db", database])!;
            await load.WaitForExitAsync();
        }

        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Database:Path", database, "--Demo:LoadWhenEmpty", "false", "--Logging:LogLevel:Default", "Warning"], TimeProvider.System).Value;
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        long voucher, alert;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var book = (await scope.ServiceProvider.GetRequiredService<BookDirectory>().FindBookAsync("33010101")).Value.Book.Id;
            voucher = await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Vouchers.Where(v => v.BookId == book).OrderBy(v => v.Id).Skip(100).Select(v => v.Id).FirstAsync();
            alert = await scope.ServiceProvider.GetRequiredService<RulesDbContext>().Alerts.Where(a => a.BookId == book).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        var pages = new (string User, string Name, string Path)[]
        {
            ("lisi", "首页 (accountant)", "/"),
            ("lisi", "录入凭证", "/books/33010101/vouchers/new"),
            ("lisi", "凭证查询, a month", "/books/33010101/vouchers?period=2025-06"),
            ("lisi", "记账凭证", $"/vouchers/{voucher}"),
            ("lisi", "结账", "/books/33010101/periods"),
            ("lisi", "台账 (assets, land, contracts with schedules and events)", "/books/33010101/registers"),
            ("lisi", "预算执行", "/books/33010101/budgets?period=2025-12"),
            ("lisi", "导入", "/books/33010101/imports"),
            ("wangwu", "首页 (supervisor)", "/"),
            ("wangwu", "预警 inbox, township", "/alerts?org=330101"),
            ("wangwu", "预警, one alert", $"/alerts/{alert}"),
            ("wangwu", "预警规则", "/rules?org=330101"),
            ("wangwu", "预警邮件订阅", "/subscribers"),
            ("wangwu", "监管看板, township", "/dashboard?org=330101&period=2025-12"),
            ("shenji", "监管看板, county", "/dashboard?org=3301&period=2025-12"),
            ("admin", "用户与权限", "/admin/users"),
            ("shenji", "资产负债表, county roll-up", "/reports?org=3301&period=2025-12&kind=balance-sheet"),
            ("shenji", "科目余额表, a village", "/reports?org=33010101&period=2025-12&kind=trial-balance"),
            ("shenji", "序时账, a village's month", "/reports?org=33010101&period=2025-06&kind=journal"),
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in pages.Select(p => p.User).Distinct())
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            (await http.PostAsJsonAsync("/account/login", new { user, password = DemoCounty.DemoPassword })).EnsureSuccessStatusCode();
            clients[user] = http;
        }

        var health = await TimeAsync(clients["lisi"], "/health");
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: each page warmed once, then {Rounds} requests one after another; client and server on the same machine.");
        sb.AppendLine();
        sb.AppendLine("| page | p50 | p95 | p50 ÷ `/health` p50 | target |");
        sb.AppendLine("|---|---|---|---|---|");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| `GET /health` (baseline) | {health.P50:0.0} ms | {health.P95:0.0} ms | 1.0 | |");
        foreach (var (user, name, path) in pages)
        {
            var t = await TimeAsync(clients[user], path);
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} `{path}` | {t.P50:0.0} ms | **{t.P95:0.0} ms** | {t.P50 / health.P50:0.0} | < 300 ms |");
        }

        foreach (var c in clients.Values)
        {
            c.Dispose();
        }

        await app.StopAsync();
        return sb.ToString();
    }

    private static async Task<(double P50, double P95)> TimeAsync(HttpClient http, string path)
    {
        (await http.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode(); // warm: the page compiled, its queries cached
        var times = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[Rounds / 2], times[(int)(Rounds * 0.95)]);
    }
}
