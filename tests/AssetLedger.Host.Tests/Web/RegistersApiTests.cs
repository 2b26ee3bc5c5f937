using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The API's registers: fixed assets with their depreciation and disposal, land and waters, contracts and rent.</summary>
public sealed class RegistersApiTests : LiveServer
{
    private Task TractorAsync() => Cli.TractorAsync("33010101");

    [Fact]
    public async Task An_asset_is_leased_depreciated_once_a_month_and_disposed_of_through_its_voucher()
    {
        await TractorAsync();
        using var accountant = As("acct-a");
        using var supervisor = As("super");

        var noLessee = await accountant.PostAsJsonAsync("/api/assets/F1/status", new { org = "33010101", status = "出租", date = "2024-02-01", reason = "决议2024-01" });
        var badStatus = await accountant.PostAsJsonAsync("/api/assets/F1/status", new { org = "33010101", status = "卖了", date = "2024-02-30", reason = "x" });
        var leased = await accountant.PostAsJsonAsync("/api/assets/F1/status", new { org = "33010101", status = "出租", date = "2024-02-01", reason = "决议2024-01", counterparty = "李四" });
        var bySupervisor = await supervisor.PostAsJsonAsync("/api/depreciation/run", new { org = "33010101", period = "2024-03" });
        var run = await accountant.PostAsJsonAsync("/api/depreciation/run", new { org = "33010101", period = "2024-03" });
        var rerun = await accountant.PostAsJsonAsync("/api/depreciation/run", new { org = "33010101", period = "2024-03" });
        var disposed = await accountant.PostAsJsonAsync("/api/assets/F1/disposal", new { org = "33010101", date = "2024-03-31", reason = "出售", proceeds = "28,000" });
        var assets = await supervisor.GetFromJsonAsync<JsonElement>("/api/assets?org=33010101");

        noLessee.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noLessee.Content.ReadAsStringAsync()).Should().Contain("counterparty is required");
        var bad = await JsonAsync(badStatus);
        bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("location").GetString()).Should().Equal("date", "status");
        (await JsonAsync(leased)).GetProperty("status").GetString().Should().Be("出租");
        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await JsonAsync(run)).GetProperty("total").GetDecimal().Should().Be(237.50m);
        (await JsonAsync(rerun)).GetProperty("alreadyRun").GetBoolean().Should().BeTrue();
        disposed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(disposed)).GetProperty("voucher").GetString().Should().StartWith("2024-03/记-");
        var tractor = assets.EnumerateArray().Single();
        tractor.GetProperty("bookValue").GetDecimal().Should().Be(29_762.50m);
        tractor.GetProperty("disposed").GetString().Should().Be("2024-03-31");
    }

    [Fact]
    public async Task A_depreciation_voucher_is_reversed_and_the_month_runs_again()
    {
        await TractorAsync();
        using var accountant = As("acct-a");
        await accountant.PostAsJsonAsync("/api/depreciation/run", new { org = "33010101", period = "2024-03" });

        var reversed = await accountant.PostAsJsonAsync("/api/depreciation/reverse", new { org = "33010101", period = "2024-03" });
        var again = await accountant.PostAsJsonAsync("/api/depreciation/run", new { org = "33010101", period = "2024-03" });
        var nothing = await accountant.PostAsJsonAsync("/api/depreciation/reverse", new { org = "33010101", period = "2024-05" });

        reversed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(again)).GetProperty("alreadyRun").GetBoolean().Should().BeFalse();
        nothing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_resource_changes_hands_as_an_event_and_unknown_names_are_refused_by_field()
    {
        await Cli.OkAsync("resource", "import", Cli.WriteFile("r.csv", "code,name,type,area\nR2,鱼塘,水面,8\n"), "--org", "33010101");
        using var accountant = As("acct-a");
        using var other = As("acct-b");

        var byOther = await other.PostAsJsonAsync("/api/resources/R2/changes", new { org = "33010101", date = "2025-03-01", mode = "出租", @operator = "绿源公司", reason = "决议2025-02" });
        var bad = await accountant.PostAsJsonAsync("/api/resources/R2/changes", new { org = "33010101", date = "2025-03-01", type = "月球", mode = "送人", area = "-3", reason = "x" });
        var changed = await accountant.PostAsJsonAsync("/api/resources/R2/changes", new { org = "33010101", date = "2025-03-01", mode = "出租", @operator = "绿源公司", reason = "决议2025-02" });
        var missing = await accountant.PostAsJsonAsync("/api/resources/R9/changes", new { org = "33010101", date = "2025-03-01", mode = "出租", reason = "x" });

        byOther.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await JsonAsync(bad)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("location").GetString()).Should().BeEquivalentTo("area", "type", "mode");
        var resource = await JsonAsync(changed);
        resource.GetProperty("mode").GetString().Should().Be("出租");
        resource.GetProperty("operator").GetString().Should().Be("绿源公司");
        (await missing.Content.ReadAsStringAsync()).Should().Contain("no resource R9");
    }

    [Fact]
    public async Task A_contract_is_read_with_its_installments_renewed_amended_and_terminated()
    {
        await Cli.OkAsync("resource", "import", Cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,100\n"), "--org", "33010101");
        await Cli.OkAsync("contract", "import", Cli.WriteFile("c.csv", "number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2024-03-01,2026-02-28,10000\n"), "--org", "33010101");
        using var accountant = As("acct-a");
        using var auditor = As("audit");

        var read = await auditor.GetFromJsonAsync<JsonElement>("/api/contracts/C1?org=33010101");
        var renewed = await accountant.PostAsJsonAsync("/api/contracts/C1/renewal", new { org = "33010101", end = "2028-02-29", reason = "续签决议" });
        var amended = await accountant.PostAsJsonAsync("/api/contracts/C1/amendment", new { org = "33010101", from = "2026-03-01", annualAmount = "12,000", reason = "调价决议" });
        var badAmount = await accountant.PostAsJsonAsync("/api/contracts/C1/amendment", new { org = "33010101", from = "2026-03-01", annualAmount = "很多", reason = "x" });
        var byAuditor = await auditor.PostAsJsonAsync("/api/contracts/C1/termination", new { org = "33010101", date = "2027-03-01", reason = "x" });
        var terminated = await accountant.PostAsJsonAsync("/api/contracts/C1/termination", new { org = "33010101", date = "2027-03-01", reason = "协商解除" });
        var unknown = await auditor.GetAsync(new Uri("/api/contracts/C9?org=33010101", UriKind.Relative));

        read.GetProperty("installments").GetArrayLength().Should().Be(2);
        (await JsonAsync(renewed)).GetProperty("end").GetString().Should().Be("2028-02-29");
        (await JsonAsync(amended)).GetProperty("annual").GetDecimal().Should().Be(12_000m);
        (await badAmount.Content.ReadAsStringAsync()).Should().Contain("\"location\":\"annualAmount\"");
        byAuditor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var final = await JsonAsync(terminated);
        final.GetProperty("installments").EnumerateArray().Select(i => i.GetProperty("due").GetString()).Should().NotContain("2027-03-01");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contracts_receive_rent_budgets_show_execution_and_a_closed_month_reopens_with_a_reason()
    {
        await Cli.OkAsync("resource", "import", Cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,100\n"), "--org", "33010101");
        await Cli.OkAsync("contract", "import", Cli.WriteFile("c.csv", "number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2024-03-01,2026-02-28,10000\n"), "--org", "33010101");
        await Cli.OkAsync("budget", "import", Cli.WriteFile("b.csv", "account,amount\n511,100000\n"), "--org", "33010101", "--year", "2024");
        using var accountant = As("acct-a");
        using var auditor = As("audit");

        var receipt = await accountant.PostAsJsonAsync("/api/contracts/C1/receipts", new { org = "33010101", date = "2024-03-10", amount = "10000" });
        var byAuditor = await auditor.PostAsJsonAsync("/api/contracts/C1/receipts", new { org = "33010101", date = "2024-03-10", amount = "1" });
        var contracts = await auditor.GetFromJsonAsync<JsonElement>("/api/contracts?org=33010101");
        var execution = await auditor.GetFromJsonAsync<JsonElement>("/api/budgets/execution?org=33010101&period=2024-03");
        await accountant.PostAsJsonAsync("/api/periods/close", new { org = "33010101", period = "2024-03" });
        var noReason = await accountant.PostAsJsonAsync("/api/periods/reopen", new { org = "33010101", period = "2024-03", reason = "" });
        var reopened = await accountant.PostAsJsonAsync("/api/periods/reopen", new { org = "33010101", period = "2024-03", reason = "补记凭证" });

        receipt.StatusCode.Should().Be(HttpStatusCode.OK);
        byAuditor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        contracts[0].GetProperty("received").GetDecimal().Should().Be(10_000m);
        execution.EnumerateArray().Single(e => e.GetProperty("account").GetString() == "511").GetProperty("actual").GetDecimal().Should().Be(60_000m);
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        reopened.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
