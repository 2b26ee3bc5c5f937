using System.Net;
using System.Text.Json;
using AssetLedger.Host.Tests.CommandLine;
using AssetLedger.Host.Web;
using AssetLedger.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The one-command start: no verb serves the product, with the database migrated and the scheduler running.</summary>
public sealed class WebStartTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(true, "--urls", "http://0.0.0.0:8080")]
    [InlineData(false, "report", "trial-balance")]
    [InlineData(false, "--help")]
    [InlineData(false, "--db", "x.db", "org", "list")]
    public void No_verb_or_only_host_options_start_the_server(bool server, params string[] args) =>
        WebApp.IsServerStart(args).Should().Be(server);

    [Fact]
    public async Task With_no_verb_the_host_serves_its_health_with_the_database_created_and_the_scheduler_running()
    {
        var database = Path.Combine(cli.Folder, "data", "county.db");
        var built = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Database:Path", database], cli.Clock);
        await using var app = built.ShouldSucceed();
        await WebApp.MigrateAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        await app.StopAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        health.RootElement.GetProperty("status").GetString().Should().Be("ok");
        health.RootElement.GetProperty("database").GetString().Should().Be("ok");
        health.RootElement.GetProperty("scheduler").GetString().Should().Be("running");
        (await cli.OkAsync("org", "list", "--db", database)).Should().NotContain("error", "the server created and migrated the database the command line uses");
    }

    [Fact]
    public void Bad_settings_stop_the_start_with_the_setting_named()
    {
        var built = WebApp.Build(["--Database:Path", Path.Combine(cli.Folder, "x.db"), "--Smtp:Port", "smtp", "--Scheduling:Digest", "daily"], cli.Clock);

        built.Succeeded.Should().BeFalse();
        string.Join("\n", built.Errors).Should().Contain("Scheduling:Digest 'daily'");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("https://sanzi.example.gov.cn", false)]
    public void A_listen_address_is_loopback_only_when_no_other_machine_reaches_it(string url, bool loopback) =>
        WebApp.IsLoopback(url).Should().Be(loopback);

    [Fact]
    public async Task A_server_reachable_from_other_machines_does_not_start_while_a_demo_person_has_the_published_password()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("user", "add", "lisi", "--password", AssetLedger.Host.Demo.DemoCounty.DemoPassword);
        string[] exposed = ["--urls", "http://0.0.0.0:0", .. cli.ServerDatabaseArguments, "--Demo:LoadWhenEmpty", "false"];

        await using (var app = WebApp.Build(exposed, cli.Clock).ShouldSucceed())
        {
            (await WebApp.PublishedPasswordProblemAsync(app)).Should().Contain("lisi still sign in with the demo's published password").And.Contain("user password lisi");
        }

        await using (var local = WebApp.Build(["--urls", "http://127.0.0.1:0", .. cli.ServerDatabaseArguments], cli.Clock).ShouldSucceed())
        {
            (await WebApp.PublishedPasswordProblemAsync(local)).Should().BeNull("on loopback the demo is for the person at this machine");
        }

        cli.Input = "Dongfeng2026x\n";
        await cli.OkAsync("user", "password", "lisi");
        await using (var app = WebApp.Build(exposed, cli.Clock).ShouldSucceed())
        {
            (await WebApp.PublishedPasswordProblemAsync(app)).Should().BeNull("no one signs in with the published password any more");
        }
    }
}
