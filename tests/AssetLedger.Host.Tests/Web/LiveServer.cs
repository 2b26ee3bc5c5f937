using System.Net.Http.Json;
using AssetLedger.Host.Tests.CommandLine;
using AssetLedger.Host.Web;
using AssetLedger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Host.Tests.Web;

/// <summary>
/// A real server on loopback over a real database (a SQLite file, or PostgreSQL when the suite runs there), for the API's and the pages' tests: the county 3301, township
/// 330101 with the villages 33010101 (a 60,000 元 payment in March 2024, so one LARGE_TXN alert) and 33010102; the county 3302 with
/// the village 33020101, outside everyone's scope but the administrator's; and a user per role with a personal API
/// token and the password Passw0rdOK — acct-a (33010101), acct-b (33010102), super (330101), audit (3301), admin.
/// </summary>
public abstract class LiveServer : IAsyncLifetime, IDisposable
{
    private readonly Dictionary<string, string> tokens = [];
    private WebApplication app = null!;

    protected CliRunner Cli { get; } = new();

    protected Uri Server { get; private set; } = null!;

    /// <summary>The running app's services (its endpoints, its page loader).</summary>
    protected IServiceProvider Services => app.Services;

    /// <summary>The large payment's LARGE_TXN alert, the only one.</summary>
    protected long Alert { get; } = 1;

    public virtual async Task InitializeAsync()
    {
        await Cli.CountyWithVillageAsync();
        await Cli.OkAsync("org", "add", "33010102", "西岭村", "--level", "village", "--parent", "330101");
        await Cli.OkAsync("org", "add", "3302", "邻县", "--level", "county");
        await Cli.OkAsync("org", "add", "330201", "河口镇", "--level", "township", "--parent", "3302");
        await Cli.OkAsync("org", "add", "33020101", "河口村", "--level", "village", "--parent", "330201");
        await Cli.PayAsync("33010101", "2024-03-05", 60_000);
        await Cli.OkAsync("rules", "run");
        foreach (var (user, role, scope) in new[]
        {
            ("acct-a", "accountant", "33010101"), ("acct-b", "accountant", "33010102"), ("super", "supervisor", "330101"), ("audit", "auditor", "3301"), ("admin", "admin", null),
        })
        {
            await Cli.OkAsync("user", "add", user, "--password", "Passw0rdOK");
            await Cli.OkAsync(scope is null ? ["user", "grant", user, "--role", role] : ["user", "grant", user, "--role", role, "--scope", scope]);
            tokens[user] = (await Cli.OkAsync("user", "token", user, "--label", "test")).Trim();
        }

        // The scheduled jobs are set for a year that never comes: a test decides when rules run, never the wall clock.
        const string never = "0 0 0 1 1 ? 2099";
        app = WebApp.Build(
            [
                "--urls", "http://127.0.0.1:0", .. Cli.ServerDatabaseArguments, "--Demo:LoadWhenEmpty", "false",
                "--Scheduling:RuleEvaluation", never, "--Scheduling:DailyChecks", never, "--Scheduling:Notifications", never, "--Scheduling:Digest", never,
            ],
            Cli.Clock).ShouldSucceed();
        await app.StartAsync();
        Server = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public virtual async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public void Dispose()
    {
        Cli.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client with the user's token; null: nobody signed in.</summary>
    protected HttpClient As(string? user)
    {
        var http = new HttpClient { BaseAddress = Server };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", tokens[user]);
        }

        return http;
    }

    /// <summary>A one-line office-supplies voucher dated 2024-03-06 (cash out).</summary>
    protected static object Voucher(string org, string key, string debit = "100", string credit = "100") => new
    {
        org, key, date = "2024-03-06",
        lines = new object[] { new { account = "513", summary = "购买办公用品", debit }, new { account = "101", summary = "购买办公用品", credit } },
    };

    /// <summary>The response's JSON, whatever its status.</summary>
    protected static async Task<System.Text.Json.JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}
