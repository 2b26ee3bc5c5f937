using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The API's books: the chart of accounts, the months (close, reopen, year-end), and the budget.</summary>
public sealed class BooksApiTests : LiveServer
{
    [Fact]
    public async Task The_accountant_adds_a_detail_account_that_the_chart_then_shows_as_postable_under_its_parent()
    {
        using var accountant = As("acct-a");
        using var auditor = As("audit");

        var added = await accountant.PostAsJsonAsync("/api/accounts", new { org = "33010101", code = "11201", name = "应收款—张三" });
        var byAuditor = await auditor.PostAsJsonAsync("/api/accounts", new { org = "33010101", code = "11202", name = "李四" });
        var stray = await accountant.PostAsJsonAsync("/api/accounts", new { org = "33010101", code = "99901", name = "无上级" });
        var chart = await auditor.GetFromJsonAsync<JsonElement>("/api/accounts?org=33010101");

        added.StatusCode.Should().Be(HttpStatusCode.Created);
        byAuditor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stray.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stray.Content.ReadAsStringAsync()).Should().Contain("99901");
        var accounts = chart.EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        accounts["11201"].GetProperty("parent").GetString().Should().Be("112");
        accounts["11201"].GetProperty("postable").GetBoolean().Should().BeTrue();
        accounts["112"].GetProperty("postable").GetBoolean().Should().BeFalse("its detail account takes the postings now");
        accounts.Should().NotContainKey("11202");
    }

    [Fact]
    public async Task The_months_show_their_state_and_the_year_end_close_posts_its_vouchers_once()
    {
        using var accountant = As("acct-a");

        var closedYear = await accountant.PostAsJsonAsync("/api/periods/year-close", new { org = "33010101", year = 2024 });
        var again = await accountant.PostAsJsonAsync("/api/periods/year-close", new { org = "33010101", year = 2024 });
        var months = await accountant.GetFromJsonAsync<JsonElement>("/api/periods?org=33010101");
        var late = await accountant.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "after-close"));

        closedYear.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await JsonAsync(closedYear);
        result.GetProperty("vouchers").GetArrayLength().Should().BeGreaterThan(0);
        result.GetProperty("closedMonths").EnumerateArray().Select(m => m.GetString()).Should().Contain(["2024-01", "2024-12"]);
        (await JsonAsync(again)).GetProperty("alreadyClosed").GetBoolean().Should().BeTrue();
        var byMonth = months.EnumerateArray().ToDictionary(m => m.GetProperty("period").GetString()!, m => m.GetProperty("closed").GetBoolean());
        byMonth["2024-03"].Should().BeTrue();
        byMonth["2025-01"].Should().BeFalse();
        byMonth.Keys.Should().Contain("2026-01", "the months run to today (2026-01-15)");
        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await late.Content.ReadAsStringAsync()).Should().Contain("closed");
    }

    [Fact]
    public async Task A_budget_adjustment_is_kept_beside_the_budget_and_a_bad_one_is_refused()
    {
        await Cli.OkAsync("budget", "import", Cli.WriteFile("b.csv", "account,amount\n511,100000\n"), "--org", "33010101", "--year", "2024");
        using var accountant = As("acct-a");
        using var supervisor = As("super");

        var raised = await accountant.PostAsJsonAsync("/api/budgets/adjustments", new { org = "33010101", year = 2024, account = "511", amount = "20,000", reason = "村民代表会议追加" });
        var bySupervisor = await supervisor.PostAsJsonAsync("/api/budgets/adjustments", new { org = "33010101", year = 2024, account = "511", amount = "1", reason = "x" });
        var malformed = await accountant.PostAsJsonAsync("/api/budgets/adjustments", new { org = "33010101", year = 2024, account = "511", amount = "2万", reason = "x" });
        var unbudgeted = await accountant.PostAsJsonAsync("/api/budgets/adjustments", new { org = "33010101", year = 2024, account = "513", amount = "10", reason = "x" });
        var execution = await supervisor.GetFromJsonAsync<JsonElement>("/api/budgets/execution?org=33010101&period=2024-03");

        raised.StatusCode.Should().Be(HttpStatusCode.OK);
        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync()).Should().Contain("\"location\":\"amount\"");
        unbudgeted.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        execution.EnumerateArray().Single(e => e.GetProperty("account").GetString() == "511").GetProperty("budget").GetDecimal().Should().Be(120_000m);
    }

    [Fact]
    public async Task The_accountant_closes_the_books_month_and_others_may_not_and_registers_are_read_in_scope()
    {
        using var accountant = As("acct-a");
        using var supervisor = As("super");
        using var other = As("acct-b");

        var bySupervisor = await supervisor.PostAsJsonAsync("/api/periods/close", new { org = "33010101", period = "2024-03" });
        var outOfOrder = await accountant.PostAsJsonAsync("/api/periods/close", new { org = "33010101", period = "2024-04" });
        var closed = await accountant.PostAsJsonAsync("/api/periods/close", new { org = "33010101", period = "2024-03" });
        var assets = await supervisor.GetAsync(new Uri("/api/assets?org=33010101", UriKind.Relative));
        var resources = await other.GetAsync(new Uri("/api/resources?org=33010101", UriKind.Relative));

        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        outOfOrder.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await outOfOrder.Content.ReadAsStringAsync()).Should().Contain("close 2024-03 first");
        closed.StatusCode.Should().Be(HttpStatusCode.OK);
        assets.StatusCode.Should().Be(HttpStatusCode.OK);
        resources.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
