using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The pages over plain HTTP (no browser needed): bad, forged and hostile requests get a Chinese page, never a 500.</summary>
public sealed partial class PagesHttpTests : LiveServer
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<HttpClient> SignedInAsync(string user)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Server };
        (await http.PostAsJsonAsync("/account/login", new { user, password = "Passw0rdOK" })).EnsureSuccessStatusCode();
        return http;
    }

    private static async Task<HttpResponseMessage> PostVoucherFormAsync(HttpClient http, string summary, string debit, bool withToken = true)
    {
        var form = await http.GetStringAsync(new Uri("/books/33010101/vouchers/new", UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["Key"] = $"form-{Guid.NewGuid():N}", ["Date"] = "2024-03-06",
            ["Lines[0].Summary"] = summary, ["Lines[0].Account"] = "513", ["Lines[0].Debit"] = debit,
            ["Lines[1].Summary"] = summary, ["Lines[1].Account"] = "101", ["Lines[1].Credit"] = "100",
        };
        if (withToken)
        {
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        }

        return await http.PostAsync(new Uri("/books/33010101/vouchers/new", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Submits a form of the page at <paramref name="path"/> with its anti-forgery token, as the browser would.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        return await http.PostAsync(new Uri($"{path}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_administrator_adds_a_user_grants_and_revokes_a_role_and_nobody_else_reaches_the_page()
    {
        using var admin = await SignedInAsync("admin");
        using var accountant = await SignedInAsync("acct-a");

        var added = await SubmitAsync(admin, "/admin/users", "Add", new() { ["userName"] = "zhaoliu", ["displayName"] = "赵六", ["password"] = "Nanhu2025x" });
        var weak = await SubmitAsync(admin, "/admin/users", "Add", new() { ["userName"] = "qianqi", ["password"] = "123" });
        var granted = await SubmitAsync(admin, "/admin/users", "Grant", new() { ["userName"] = "zhaoliu", ["role"] = "Accountant", ["scopeCode"] = "33010102" });
        var revoked = await SubmitAsync(admin, "/admin/users", "Revoke", new() { ["userName"] = "zhaoliu", ["role"] = "Accountant", ["scopeCode"] = "33010102", ["reason"] = "调离" });
        var byAccountant = await accountant.GetAsync(new Uri("/admin/users", UriKind.Relative));

        (await added.Content.ReadAsStringAsync()).Should().Contain("已添加用户 zhaoliu");
        weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).Should().Contain("密码至少 8 位");
        (await granted.Content.ReadAsStringAsync()).Should().Contain("已授予 zhaoliu 会计/报账员权限");
        (await revoked.Content.ReadAsStringAsync()).Should().Contain("已收回");
        (await Cli.OkAsync("user", "list")).Split('\n').Single(l => l.StartsWith("zhaoliu", StringComparison.Ordinal)).Should().NotContain("accountant");
        byAccountant.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetStringAsync(new Uri("/", UriKind.Relative))).Should().Contain("href=\"/admin/users\">用户</a>", "the administrator's menu has the users");
        (await accountant.GetStringAsync(new Uri("/", UriKind.Relative))).Should().NotContain("href=\"/admin/users\">用户</a>");
    }

    [Fact]
    public async Task The_accountant_depreciates_the_month_once_and_books_rent_from_the_registers_page()
    {
        await Cli.TractorAsync("33010101");
        await Cli.OkAsync("resource", "import", Cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,100\n"), "--org", "33010101");
        await Cli.OkAsync("contract", "import", Cli.WriteFile("c.csv", "number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2024-03-01,2026-02-28,10000\n"), "--org", "33010101");
        using var accountant = await SignedInAsync("acct-a");
        using var supervisor = await SignedInAsync("super");
        const string registers = "/books/33010101/registers";

        var depreciated = await SubmitAsync(accountant, registers, "Depreciate", new() { ["period"] = "2024-03" });
        var again = await SubmitAsync(accountant, registers, "Depreciate", new() { ["period"] = "2024-03" });
        var received = await SubmitAsync(accountant, registers, "Receive", new() { ["contract"] = "C1", ["date"] = "2024-03-10", ["amount"] = "10,000" });
        var tooMuch = await SubmitAsync(accountant, registers, "Receive", new() { ["contract"] = "C1", ["date"] = "2024-03-11", ["amount"] = "999,999" });
        var bySupervisor = await SubmitAsync(supervisor, registers, "Depreciate", new() { ["period"] = "2024-04" });

        (await depreciated.Content.ReadAsStringAsync()).Should().Contain("已计提 2024-03 折旧 237.50 元");
        (await again.Content.ReadAsStringAsync()).Should().Contain("已计提过折旧，未重复计提");
        (await received.Content.ReadAsStringAsync()).Should().Contain("已收合同 C1 租金 10,000.00 元");
        tooMuch.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooMuch.Content.ReadAsStringAsync()).Should().Contain("收款超过合同尚未收取的金额");
        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().Contain("记-0003").And.NotContain("记-0004");
        var page = await supervisor.GetStringAsync(new Uri(registers, UriKind.Relative));
        page.Should().Contain("应收计划（2 期）").And.Contain("已收清").And.Contain("逾期", "the second year fell due on 2025-03-01; today is 2026-01-15");
    }

    [Fact]
    public async Task The_alert_inbox_shows_a_hundred_alerts_a_page_newest_first()
    {
        var csv = new System.Text.StringBuilder("key,date,summary,account,debit,credit\n");
        for (var i = 0; i < 101; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"W{i},2024-03-10,支付工程款{i},511,{6000 + i},\nW{i},2024-03-10,支付工程款{i},102,,{6000 + i}\n");
        }

        await Cli.OkAsync("voucher", "import", Cli.WriteFile("many.csv", csv.ToString()), "--org", "33010101");
        await Cli.OkAsync("rules", "run");
        using var supervisor = await SignedInAsync("super");

        var first = await supervisor.GetStringAsync(new Uri("/alerts?org=33010101", UriKind.Relative));
        var second = await supervisor.GetStringAsync(new Uri("/alerts?org=33010101&page=2", UriKind.Relative));
        var beyond = await supervisor.GetStringAsync(new Uri("/alerts?org=33010101&page=99", UriKind.Relative));

        first.Should().Contain("共 102 条，第 1 / 2 页").And.Contain("6,100.00").And.NotContain("60,000.00");
        second.Should().Contain("第 2 / 2 页").And.Contain("60,000.00");
        beyond.Should().Contain("第 2 / 2 页");
    }

    [Fact]
    public async Task The_voucher_form_offers_the_books_accounts_and_the_counterparties_it_already_knows()
    {
        await Cli.OkAsync("voucher", "import", Cli.WriteFile("loan.csv",
            "key,date,summary,account,debit,credit,counterparty\nL1,2024-03-08,借款给张三,112,500,,张三\nL1,2024-03-08,借款给张三,101,,500,\n"), "--org", "33010101");
        using var accountant = await SignedInAsync("acct-a");

        var form = await accountant.GetStringAsync(new Uri("/books/33010101/vouchers/new", UriKind.Relative));

        form.Should().Contain("<option value=\"张三\"></option>").And.Contain("<option value=\"513 管理费用\"></option>")
            .And.Contain("<option value=\"3220101 ").And.NotContain("<option value=\"322 ", "only postable accounts are offered, not those with details");
    }

    [Theory]
    [InlineData("balance-sheet", "资产负债表")]
    [InlineData("income-statement", "收益及收益分配表")]
    [InlineData("trial-balance", "科目余额表")]
    [InlineData("journal", "序时账")]
    [InlineData("ledger", "明细账")]
    [InlineData("disclosure", "村级财务公开表")]
    public async Task Every_report_is_shown_on_screen_for_a_book_and_rolled_up(string kind, string title)
    {
        using var auditor = await SignedInAsync("audit");

        var book = await auditor.GetStringAsync(new Uri($"/reports?org=33010101&period=2024-03&kind={kind}", UriKind.Relative));
        var township = await auditor.GetStringAsync(new Uri($"/reports?org=330101&period=2024-03&kind={kind}", UriKind.Relative));

        book.Should().Contain($"<h2>{title}").And.Contain("<table class=\"report\">").And.Contain($"/api/reports/{kind}?org=33010101&amp;period=2024-03&amp;format=xlsx");
        township.Should().Contain($"<h2>{title}").And.Contain("城关镇");
    }

    [Fact]
    public async Task A_page_that_fails_inside_says_so_in_Chinese_without_a_stack_trace()
    {
        using var accountant = await SignedInAsync("acct-a");
        Cli.Database.Scalar("ALTER TABLE postings RENAME TO postings_gone"); // the database breaks under the running server

        var broken = await accountant.GetAsync(new Uri("/books/33010101/vouchers?period=2024-03", UriKind.Relative));
        var page = await broken.Content.ReadAsStringAsync();

        broken.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        page.Should().Contain("出错了").And.Contain("服务器未能完成这次请求").And.NotContain("Exception").And.NotContain("postings");
    }

    [Fact]
    public async Task Nobody_signed_out_reaches_a_page_and_a_wrong_address_is_a_Chinese_page()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server };
        using var accountant = await SignedInAsync("acct-a");

        var unsigned = await anonymous.GetAsync(new Uri("/books/33010101/vouchers", UriKind.Relative));
        var notANumber = await accountant.GetAsync(new Uri("/vouchers/abc", UriKind.Relative));
        var unknownOrg = await accountant.GetAsync(new Uri("/books/9999/vouchers", UriKind.Relative));
        var otherCounty = await accountant.GetAsync(new Uri("/books/33020101/vouchers/new", UriKind.Relative));
        var badMonth = await accountant.GetAsync(new Uri("/reports?org=33010101&period=2024-13", UriKind.Relative));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Redirect);
        unsigned.Headers.Location!.ToString().Should().Contain("/signin?ReturnUrl=");
        notANumber.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await notANumber.Content.ReadAsStringAsync()).Should().Contain("页面不存在");
        unknownOrg.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherCounty.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherCounty.Content.ReadAsStringAsync()).Should().Contain("无权访问");
        badMonth.StatusCode.Should().Be(HttpStatusCode.OK);
        (await badMonth.Content.ReadAsStringAsync()).Should().Contain("2024-13").And.Contain("class=\"errors\"");
    }

    [Fact]
    public async Task A_forged_form_is_refused_and_hostile_text_is_shown_as_text_never_run()
    {
        using var accountant = await SignedInAsync("acct-a");
        const string hostile = "<script>alert('x')</script>";

        var forged = await PostVoucherFormAsync(accountant, "办公用品", "100", withToken: false);
        var malformed = await PostVoucherFormAsync(accountant, hostile, "12,34,5");
        var posted = await PostVoucherFormAsync(accountant, hostile, "100");
        var shown = await accountant.GetStringAsync(posted.Headers.Location);

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("请求有误");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refusal = await malformed.Content.ReadAsStringAsync();
        refusal.Should().Contain("第 1 行 借方").And.NotContain(hostile);
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        shown.Should().Contain("&lt;script&gt;").And.NotContain(hostile);
        await Cli.OkAsync("org", "add", "33010199", "<img src=x onerror=alert(1)>村", "--level", "village", "--parent", "330101");
        using var admin = await SignedInAsync("admin");
        var report = await admin.GetStringAsync(new Uri("/reports?org=33010199&period=2024-03&kind=balance-sheet", UriKind.Relative));
        report.Should().Contain("&lt;img src=x").And.NotContain("<img src=x", "an organization's name is text in a report too");
        (await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().Contain("记-0002").And.NotContain("记-0003");
    }
}
