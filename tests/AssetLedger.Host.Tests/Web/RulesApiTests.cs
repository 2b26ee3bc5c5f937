using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The API's supervision: alerts with their evidence, rule parameters in force and their settings, backtests, subscriptions.</summary>
public sealed class RulesApiTests : LiveServer
{
    [Fact]
    public async Task An_alert_is_read_with_its_evidence_and_its_handling_history()
    {
        using var supervisor = As("super");
        using var other = As("acct-b");
        await supervisor.PostAsJsonAsync($"/api/alerts/{Alert}/ack", new { comment = "已约谈报账员" });

        var alert = await supervisor.GetFromJsonAsync<JsonElement>($"/api/alerts/{Alert}");
        var hidden = await other.GetAsync(new Uri($"/api/alerts/{Alert}", UriKind.Relative));

        alert.GetProperty("rule").GetString().Should().Be("LARGE_TXN");
        alert.GetProperty("state").GetString().Should().Be("acknowledged");
        alert.GetProperty("evidence").ValueKind.Should().Be(JsonValueKind.Object);
        alert.GetProperty("evidence").ToString().Should().Contain("2024-03");
        var step = alert.GetProperty("history").EnumerateArray().Single();
        (step.GetProperty("from").GetString(), step.GetProperty("to").GetString(), step.GetProperty("actor").GetString(), step.GetProperty("comment").GetString())
            .Should().Be(("open", "acknowledged", "super", "已约谈报账员"));
        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound, "another village's accountant may not learn that the alert exists");
    }

    [Fact]
    public async Task The_supervisor_sets_a_township_threshold_that_its_villages_then_show_in_force()
    {
        using var supervisor = As("super");
        using var accountant = As("acct-a");

        var byAccountant = await accountant.PostAsJsonAsync("/api/rules/settings", new { org = "33010101", rule = "LARGE_TXN", parameter = "tier1", value = "8000", reason = "x" });
        var forCounty = await supervisor.PostAsJsonAsync("/api/rules/settings", new { org = "3301", rule = "LARGE_TXN", parameter = "tier1", value = "8000", reason = "x" });
        var badValue = await supervisor.PostAsJsonAsync("/api/rules/settings", new { org = "330101", rule = "LARGE_TXN", parameter = "tier1", value = "八千", reason = "x" });
        var badName = await supervisor.PostAsJsonAsync("/api/rules/settings", new { org = "330101", rule = "LARGE_TXN", parameter = "tier9", value = "1", reason = "x" });
        var set = await supervisor.PostAsJsonAsync("/api/rules/settings", new { org = "330101", rule = "LARGE_TXN", parameter = "tier1", value = "8000", reason = "镇党委会决定" });
        var rules = await accountant.GetFromJsonAsync<JsonElement>("/api/rules?org=33010101");

        byAccountant.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forCounty.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a township's supervisor does not set the county's defaults");
        (await badValue.Content.ReadAsStringAsync()).Should().Contain("\"location\":\"value\"");
        (await badName.Content.ReadAsStringAsync()).Should().Contain("tier9");
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        var tier1 = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "LARGE_TXN")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "tier1");
        (tier1.GetProperty("value").GetDecimal(), tier1.GetProperty("default").GetDecimal(), tier1.GetProperty("setBy").GetString()).Should().Be((8000m, 5000m, "330101"));
    }

    [Fact]
    public async Task A_backtest_shows_what_a_proposed_threshold_would_raise_and_saves_nothing()
    {
        using var auditor = As("audit");
        await Cli.PayAsync("33010101", "2024-03-08", 6_000);

        var atDefaults = await auditor.PostAsJsonAsync("/api/rules/backtest", new { org = "330101", rule = "LARGE_TXN", from = "2024-01-01", to = "2024-12-31" });
        var higher = await auditor.PostAsJsonAsync("/api/rules/backtest", new { org = "330101", rule = "LARGE_TXN", from = "2024-01-01", to = "2024-12-31", parameters = new Dictionary<string, string> { ["tier1"] = "10000" } });
        var bad = await auditor.PostAsJsonAsync("/api/rules/backtest", new { org = "330101", rule = "LARGE_TXN", from = "2024-12-31", to = "2024-13-01", parameters = new Dictionary<string, string> { ["tier1"] = "x" } });
        var alerts = await auditor.GetFromJsonAsync<JsonElement>("/api/alerts?org=330101");

        (await JsonAsync(atDefaults)).GetArrayLength().Should().Be(2);
        (await JsonAsync(higher)).EnumerateArray().Select(f => f.GetProperty("amount").GetDecimal()).Should().Equal(60_000m);
        (await JsonAsync(bad)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("location").GetString()).Should().Equal("to", "parameters.tier1");
        alerts.GetArrayLength().Should().Be(1, "a backtest raises nothing");
    }

    [Fact]
    public async Task The_supervisor_subscribes_addresses_for_the_township_and_each_user_sees_only_subscriptions_in_scope()
    {
        using var supervisor = As("super");
        using var accountant = As("acct-b");

        var subscribed = await supervisor.PostAsJsonAsync("/api/subscribers", new { email = "Wang.Wu@nongjing.example.cn", scope = "330101", name = "王五", rules = new[] { "LARGE_TXN" }, minSeverity = "关注" });
        var byAccountant = await accountant.PostAsJsonAsync("/api/subscribers", new { email = "x@example.cn", scope = "33010102" });
        var bad = await supervisor.PostAsJsonAsync("/api/subscribers", new { email = "not an address", scope = "330101", rules = new[] { "NOPE" }, minSeverity = "loud" });
        var seenBySupervisor = await supervisor.GetFromJsonAsync<JsonElement>("/api/subscribers");
        var seenByAccountant = await accountant.GetFromJsonAsync<JsonElement>("/api/subscribers");

        var subscriber = await JsonAsync(subscribed);
        (subscriber.GetProperty("email").GetString(), subscriber.GetProperty("scopeName").GetString(), subscriber.GetProperty("minSeverity").GetString())
            .Should().Be(("wang.wu@nongjing.example.cn", "城关镇", "warning"));
        byAccountant.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await JsonAsync(bad)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString())
            .Should().BeEquivalentTo("subscriber.email_invalid", "rule.unknown", "subscriber.severity_invalid");
        seenBySupervisor.GetArrayLength().Should().Be(1);
        seenByAccountant.GetArrayLength().Should().Be(0, "a village's accountant does not read the township's subscriptions");
    }
}
