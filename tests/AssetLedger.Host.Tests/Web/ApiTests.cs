using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The JSON API: who may read and change what, vouchers, reports, imports, sign-in, and bad input as problem details.</summary>
public sealed class ApiTests : LiveServer
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)]
    [InlineData("acct-a", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Forbidden)]
    [InlineData("acct-b", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NotFound)]
    [InlineData("super", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData("audit", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK)]
    public async Task Each_role_reads_and_changes_only_inside_its_scope(
        string? user, HttpStatusCode readAlerts, HttpStatusCode readReport, HttpStatusCode postVoucher, HttpStatusCode handleAlert)
    {
        using var http = As(user);

        var alerts = await http.GetAsync(new Uri("/api/alerts?org=33010101", UriKind.Relative));
        var report = await http.GetAsync(new Uri("/api/reports/trial-balance?org=33010101&period=2024-03", UriKind.Relative));
        var voucher = await http.PostAsJsonAsync("/api/vouchers", Voucher("33010101", $"api-{user}"));
        var ack = await http.PostAsJsonAsync($"/api/alerts/{Alert}/ack", new { comment = "已核实" });

        new[] { alerts.StatusCode, report.StatusCode, voucher.StatusCode, ack.StatusCode }.Should().Equal(readAlerts, readReport, postVoucher, handleAlert);
    }

    [Theory]
    [InlineData(null, "33010101", 401, 401, 401, 401, 401, 401)]
    [InlineData("acct-a", "33010101", 200, 201, 403, 403, 403, 403)]
    [InlineData("acct-b", "33010102", 200, 201, 403, 403, 403, 403)]
    [InlineData("super", "33010101", 200, 403, 200, 403, 403, 403)]
    [InlineData("audit", "33010101", 200, 403, 403, 403, 403, 403)]
    [InlineData("admin", "33010101", 200, 201, 200, 200, 201, 200)]
    public async Task The_authorization_matrix_holds_for_every_role_in_and_out_of_scope(
        string? user, string ownBook, int readIn, int postIn, int superviseIn, int readOut, int postOut, int superviseOut)
    {
        using var http = As(user);
        async Task<int[]> TryAsync(string org) =>
        [
            (int)(await http.GetAsync(new Uri($"/api/accounts?org={org}", UriKind.Relative))).StatusCode,
            (int)(await http.PostAsJsonAsync("/api/vouchers", Voucher(org, $"matrix-{user}-{org}"))).StatusCode,
            (int)(await http.PostAsJsonAsync("/api/rules/settings", new { org, rule = "LARGE_TXN", parameter = "tier1", value = "6000", reason = "矩阵" })).StatusCode,
        ];

        var inScope = await TryAsync(ownBook);
        var outOfScope = await TryAsync("33020101");

        inScope.Should().Equal([readIn, postIn, superviseIn], "inside {0}'s scope", user);
        outOfScope.Should().Equal([readOut, postOut, superviseOut], "in another county");
    }

    [Fact]
    public async Task The_accountant_sees_their_own_figures_and_a_retried_post_is_the_same_voucher()
    {
        using var http = As("acct-a");

        var first = await http.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "retry-1"));
        var retried = await http.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "retry-1"));
        var orgs = await http.GetFromJsonAsync<JsonElement>("/api/orgs");
        using var report = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/reports/trial-balance?org=33010101&period=2024-03", UriKind.Relative)));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyPosted").GetBoolean().Should().BeTrue();
        orgs.EnumerateArray().Select(o => o.GetProperty("code").GetString()).Should().Equal("33010101");
        report.RootElement.GetProperty("report").GetString().Should().Be("科目余额表");
    }

    [Fact]
    public async Task A_browser_signs_in_with_a_cookie_and_changes_something_only_with_its_anti_forgery_token()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = Server };

        var wrong = await browser.PostAsJsonAsync("/account/login", new { user = "acct-a", password = "nope" });
        var signedIn = await browser.PostAsJsonAsync("/account/login", new { user = "acct-a", password = "Passw0rdOK" });
        var cookie = handler.CookieContainer.GetCookies(Server).SingleOrDefault(c => c.Name == "assetledger");
        var orgs = await browser.GetAsync(new Uri("/api/orgs", UriKind.Relative));
        var forged = await browser.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "cookie-1"));
        var csrf = await browser.GetFromJsonAsync<JsonElement>("/account/antiforgery");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf.GetProperty("token").GetString());
        var posted = await browser.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "cookie-2"));
        var signedOut = await browser.PostAsync(new Uri("/account/logout", UriKind.Relative), null);
        var after = await browser.GetAsync(new Uri("/api/orgs", UriKind.Relative));

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        cookie.Should().NotBeNull().And.Match<Cookie>(c => c.HttpOnly);
        orgs.StatusCode.Should().Be(HttpStatusCode.OK);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("csrf.invalid");
        posted.StatusCode.Should().Be(HttpStatusCode.Created);
        signedOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().Contain("购买办公用品").And.Contain("记-0002").And.NotContain("记-0003");
    }

    [Fact]
    public async Task Vouchers_are_listed_with_their_lines_and_reversed_in_red_ink_by_the_books_accountant_only()
    {
        using var accountant = As("acct-a");
        using var other = As("acct-b");
        await accountant.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "to-reverse"));

        var list = await accountant.GetFromJsonAsync<JsonElement>("/api/vouchers?org=33010101&period=2024-03");
        var refused = await other.PostAsJsonAsync("/api/vouchers/reverse", new { org = "33010101", voucher = "2024-03/记-0002", date = "2024-03-20" });
        var reversed = await accountant.PostAsJsonAsync("/api/vouchers/reverse", new { org = "33010101", voucher = "2024-03/记-0002", date = "2024-03-20" });
        var twice = await accountant.PostAsJsonAsync("/api/vouchers/reverse", new { org = "33010101", voucher = "2024-03/记-0002", date = "2024-03-20" });

        list.EnumerateArray().Select(v => v.GetProperty("voucher").GetString()).Should().Equal("2024-03/记-0001", "2024-03/记-0002");
        list[1].GetProperty("lines")[0].GetProperty("debit").GetDecimal().Should().Be(100m);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        reversed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("voucher").GetString().Should().Be("2024-03/记-0003");
        twice.StatusCode.Should().Be(HttpStatusCode.OK, "the same reversal again is the reversal that stands");
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyPosted").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_posted_voucher_is_read_back_where_its_location_points_with_its_lines_and_its_reversal()
    {
        using var accountant = As("acct-a");
        using var other = As("acct-b");
        var posted = await accountant.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "to-read"));
        await accountant.PostAsJsonAsync("/api/vouchers/reverse", new { org = "33010101", voucher = "2024-03/记-0002", date = "2024-03-20" });

        var voucher = await accountant.GetFromJsonAsync<JsonElement>(posted.Headers.Location!);
        var hidden = await other.GetAsync(posted.Headers.Location);
        var missing = await accountant.GetAsync(new Uri("/api/vouchers/999999", UriKind.Relative));

        voucher.GetProperty("voucher").GetString().Should().Be("2024-03/记-0002");
        voucher.GetProperty("preparer").GetString().Should().Be("acct-a");
        voucher.GetProperty("reversedBy").GetString().Should().Be("2024-03/记-0003");
        voucher.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("account").GetString(), l.GetProperty("debit").GetDecimal(), l.GetProperty("credit").GetDecimal()))
            .Should().Equal(("513", 100m, 0m), ("101", 0m, 100m));
        voucher.GetProperty("totalDebit").GetDecimal().Should().Be(100m);
        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_report_comes_as_JSON_and_as_a_workbook_download()
    {
        using var auditor = As("audit");

        using var income = JsonDocument.Parse(await auditor.GetStringAsync(new Uri("/api/reports/income-statement?org=330101&period=2024-03", UriKind.Relative)));
        var download = await auditor.GetAsync(new Uri("/api/reports/balance-sheet?org=33010101&period=2024-03&format=xlsx", UriKind.Relative));
        var unknown = await auditor.GetAsync(new Uri("/api/reports/cash-flow?org=33010101&period=2024-03", UriKind.Relative));
        var badFormat = await auditor.GetAsync(new Uri("/api/reports/journal?org=33010101&period=2024-03&format=pdf", UriKind.Relative));

        income.RootElement.GetProperty("report").GetString().Should().Be("收益及收益分配表");
        income.RootElement.GetProperty("books").GetInt32().Should().Be(2, "a township's report is the roll-up of its books");
        download.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("balance-sheet-33010101-2024-03.xlsx");
        using var workbook = new ClosedXML.Excel.XLWorkbook(await download.Content.ReadAsStreamAsync());
        workbook.Worksheet(1).Cell(1, 1).GetString().Should().Be("资产负债表");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        badFormat.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_is_imported_over_HTTP_all_or_nothing_once()
    {
        using var accountant = As("acct-a");
        using var supervisor = As("super");
        MultipartFormDataContent File(string csv)
        {
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "vouchers.csv");
            return form;
        }

        const string good = "key,date,summary,account,debit,credit\nI1,2024-03-09,收取场地租金,102,300,\nI1,2024-03-09,收取场地租金,501,,300\n";
        var bySupervisor = await supervisor.PostAsync(new Uri("/api/imports/vouchers?org=33010101", UriKind.Relative), File(good));
        var bad = await accountant.PostAsync(new Uri("/api/imports/vouchers?org=33010101", UriKind.Relative), File("key,date,summary,account,debit,credit\nI2,2024-03-09,x,9999,1,\nI2,2024-03-09,x,102,,1\n"));
        var first = await accountant.PostAsync(new Uri("/api/imports/vouchers?org=33010101", UriKind.Relative), File(good));
        var again = await accountant.PostAsync(new Uri("/api/imports/vouchers?org=33010101", UriKind.Relative), File(good));
        var noYear = await accountant.PostAsync(new Uri("/api/imports/budgets?org=33010101", UriKind.Relative), File("account,amount\n513,1000\n"));

        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("9999").And.Contain("line 2");
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("posted").GetInt32().Should().Be(1);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyPosted").GetInt32().Should().Be(1);
        noYear.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_its_tokens_with_it()
    {
        using var browser = new HttpClient { BaseAddress = Server };
        using var machine = As("audit");

        var before = await machine.GetAsync(new Uri("/api/orgs", UriKind.Relative));
        for (var i = 0; i < 5; i++)
        {
            await browser.PostAsJsonAsync("/account/login", new { user = "audit", password = "wrong" });
        }

        var right = await browser.PostAsJsonAsync("/account/login", new { user = "audit", password = "Passw0rdOK" });
        var token = await machine.GetAsync(new Uri("/api/orgs", UriKind.Relative));

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        right.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await right.Content.ReadAsStringAsync()).Should().Contain("locked until");
        token.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_grant_or_token_stops_working_on_the_next_request()
    {
        using var accountant = As("acct-a");
        using var auditor = As("audit");
        var before = await accountant.GetAsync(new Uri("/api/alerts?org=33010101", UriKind.Relative));
        var auditorBefore = await auditor.GetAsync(new Uri("/api/orgs", UriKind.Relative));

        await Cli.OkAsync("user", "revoke", "acct-a", "--role", "accountant", "--scope", "33010101", "--reason", "调离岗位");
        await Cli.OkAsync("user", "revoke-token", "audit", "--label", "test");
        var after = await accountant.GetAsync(new Uri("/api/alerts?org=33010101", UriKind.Relative));
        var orgs = await accountant.GetFromJsonAsync<JsonElement>("/api/orgs");
        var auditorAfter = await auditor.GetAsync(new Uri("/api/orgs", UriKind.Relative));

        (before.StatusCode, auditorBefore.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        after.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        orgs.GetArrayLength().Should().Be(0);
        auditorAfter.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints_to_signed_in_users_only()
    {
        using var http = As("audit");
        using var anonymous = As(null);

        (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain([
            "/api/orgs", "/api/accounts", "/api/alerts", "/api/alerts/{id}", "/api/alerts/{id}/{action}", "/api/reports/{kind}", "/api/vouchers", "/api/vouchers/{id}",
            "/api/vouchers/reverse", "/api/periods", "/api/periods/close", "/api/periods/reopen", "/api/periods/year-close", "/api/budgets/execution",
            "/api/budgets/adjustments", "/api/assets", "/api/assets/{code}/status", "/api/assets/{code}/disposal", "/api/depreciation/run", "/api/resources",
            "/api/resources/{code}/changes", "/api/contracts", "/api/contracts/{number}", "/api/contracts/{number}/receipts", "/api/contracts/{number}/renewal",
            "/api/rules", "/api/rules/settings", "/api/rules/backtest", "/api/subscribers", "/api/imports/{kind}", "/account/login",
        ]);
    }

    [Fact]
    public async Task Every_answer_of_the_API_is_described_in_the_OpenAPI_document_by_a_named_schema()
    {
        using var http = As("audit");

        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        var undescribed = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api", StringComparison.Ordinal) && p.Name != "/api/reports/{kind}"))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var answers = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (answers.Count == 0 || answers.Any(r => !r.Value.TryGetProperty("content", out _)))
                {
                    undescribed.Add($"{operation.Name} {path.Name}");
                }
            }
        }

        undescribed.Should().BeEmpty("every answer is a typed result with its schema");
        schemas.Should().Contain(["AlertJson", "VoucherJson", "PostedVoucherJson", "ContractJson", "RuleJson", "OrganizationJson"])
            .And.NotContain(s => s.StartsWith("AnonymousType", StringComparison.Ordinal), "each answer's shape has a name");
    }

    [Fact]
    public async Task No_endpoint_answers_any_malformed_request_with_a_500()
    {
        using var admin = As("admin");
        using var document = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        string[] bodies =
        [
            "{}", "null", "\"x\"", "[]", "{ not json",
            """{"org":"33010101","key":"k","date":"2024-13-45","period":"2024-00","year":99999,"amount":"abc","lines":[{"account":"9","debit":"-"}],""" +
            """ "status":"卖了","reason":"","end":"x","from":"x","to":"x","annualAmount":"1e9","value":"NaN","rule":"NOPE","parameter":"p","units":-1,""" +
            """ "email":"@","scope":"9999","parameters":{"tier1":"x"},"comment":"","voucher":"记-","code":"1","name":""}""",
        ];
        var answers = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var url = path.Name.Replace("{id}", "1", StringComparison.Ordinal).Replace("{code}", "F1", StringComparison.Ordinal)
                .Replace("{number}", "C1", StringComparison.Ordinal).Replace("{kind}", "vouchers", StringComparison.Ordinal).Replace("{action}", "ack", StringComparison.Ordinal);
            foreach (var method in path.Value.EnumerateObject().Select(m => m.Name))
            {
                foreach (var query in new[] { string.Empty, "?org=33010101&period=2024-13", "?org=%00&period=&year=abc", "?org=" + new string('9', 5000) })
                {
                    if (method == "get")
                    {
                        answers.Add($"GET {url}{query} {(int)(await admin.GetAsync(new Uri(url + query, UriKind.Relative))).StatusCode}");
                        continue;
                    }

                    foreach (var body in bodies)
                    {
                        using var content = new StringContent(body, Encoding.UTF8, "application/json");
                        answers.Add($"POST {url}{query} {(int)(await admin.PostAsync(new Uri(url + query, UriKind.Relative), content)).StatusCode}");
                    }
                }
            }
        }

        answers.Should().HaveCountGreaterThan(200).And.NotContain(a => a.EndsWith(" 500", StringComparison.Ordinal) || a.EndsWith(" 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_that_names_each_error_and_writes_nothing_never_a_500()
    {
        using var http = As("acct-a");

        var unbalanced = await http.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "bad-1", debit: "100", credit: "99.99"));
        var malformed = await http.PostAsJsonAsync("/api/vouchers", Voucher("33010101", "bad-2", debit: "12,34,5"));
        var broken = await http.PostAsync(new Uri("/api/vouchers", UriKind.Relative), new StringContent("{ not json", Encoding.UTF8, "application/json"));
        var unknownOrg = await http.GetAsync(new Uri("/api/alerts?org=9999", UriKind.Relative));
        var badState = await http.GetAsync(new Uri("/api/alerts?org=33010101&state=sleeping", UriKind.Relative));
        var badPeriod = await http.GetAsync(new Uri("/api/reports/journal?org=33010101&period=2024-13", UriKind.Relative));

        unbalanced.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unbalanced.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await unbalanced.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).Should().Contain("voucher.unbalanced");
        (await malformed.Content.ReadAsStringAsync()).Should().Contain("lines[0].debit");
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknownOrg.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknownOrg.Content.ReadAsStringAsync()).Should().Contain("9999");
        badState.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badPeriod.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badPeriod.Content.ReadAsStringAsync()).Should().Contain("\"location\":\"period\"");
        (await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().NotContain("购买办公用品");
    }

    [Theory]
    [InlineData("{ not json", "body", "not well-formed JSON at line 1")]
    [InlineData("""{"org":33010101,"key":"k","date":"2024-03-06","lines":[]}""", "org", "expected text, found number")]
    [InlineData("""{"org":"33010101","key":"k","date":"2024-03-06","lines":{"account":"513"}}""", "lines", "not of the kind this field takes")]
    [InlineData("""{"org":"33010101","key":"k","date":"2024-03-06","lines":[{"account":"513","summary":"办公\uffff","debit":"1"}]}""", "lines[0].summary", "cannot be stored (U+FFFF")]
    [InlineData("""{"org":"33010101","key":"k","date":"2024-03-06","lines":[{"account":"513","summary":"办公\ud800","debit":"1"}]}""", "lines[0].summary", "not valid Unicode")]
    public async Task A_body_that_is_not_the_endpoints_JSON_is_a_problem_naming_what_and_where(string body, string location, string message)
    {
        using var http = As("acct-a");

        var answer = await http.PostAsync(new Uri("/api/vouchers", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = (await JsonAsync(answer)).GetProperty("errors").EnumerateArray().Should().ContainSingle().Which;
        error.GetProperty("code").GetString().Should().Be("request.malformed");
        error.GetProperty("location").GetString().Should().Be(location);
        error.GetProperty("message").GetString().Should().Contain(message);
    }

    [Fact]
    public async Task A_required_query_value_left_out_is_a_problem_naming_it()
    {
        using var http = As("acct-a");

        var answer = await http.GetAsync(new Uri("/api/vouchers?org=33010101", UriKind.Relative));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonAsync(answer)).GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("period");
    }

    [Fact]
    public async Task A_voucher_of_null_lines_or_for_a_township_which_keeps_no_book_is_refused_as_a_problem()
    {
        using var admin = As("admin");

        var nullLines = await admin.PostAsync(new Uri("/api/vouchers", UriKind.Relative),
            new StringContent("""{"org":"33010101","key":"nulls","date":"2024-03-06","lines":[null,null]}""", Encoding.UTF8, "application/json"));
        var township = await admin.PostAsJsonAsync("/api/vouchers", Voucher("330101", "township-1"));

        nullLines.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        township.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await township.Content.ReadAsStringAsync()).Should().Contain("330101");
        (await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03")).Should().NotContain("购买办公用品");
    }
}
