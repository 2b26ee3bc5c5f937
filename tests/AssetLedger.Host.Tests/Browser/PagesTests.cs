using ClosedXML.Excel;
using Microsoft.Playwright;

namespace AssetLedger.Host.Tests.Browser;

/// <summary>The people's work through the pages, in Chromium: voucher entry, an alert from raising to resolving, reports, and scope.</summary>
public sealed class PagesTests : BrowserTestBase
{
    /// <summary>Where a saved voucher is shown: <c>/vouchers/{id}?posted=1</c>.</summary>
    private static readonly System.Text.RegularExpressions.Regex Posted = new(@"/vouchers/\d+\?posted=1$");

    private static async Task FillLineAsync(IPage page, int line, string summary, string account, string? debit = null, string? credit = null)
    {
        await page.FillAsync($"input[name='Lines[{line}].Summary']", summary);
        await page.FillAsync($"input[name='Lines[{line}].Account']", account);
        await page.FillAsync($"input[name='Lines[{line}].Debit']", debit ?? string.Empty);
        await page.FillAsync($"input[name='Lines[{line}].Credit']", credit ?? string.Empty);
    }

    [SkippableFact]
    public async Task An_accountant_posts_a_balanced_voucher_and_is_stopped_on_an_unbalanced_one()
    {
        RequireBrowser();
        var page = await SignedInAsync("acct-a");
        await ShotAsync(page, "accountant", "home");

        await page.ClickAsync("text=记账（录入凭证）");
        await page.ClickAsync("#add-line");
        await page.ClickAsync("#add-line");
        var added = await page.Locator("#lines tr.line").CountAsync();
        await page.Locator("#lines tr.line").Nth(1).Locator(".remove-line").ClickAsync();
        var renumbered = await page.Locator("#lines tr.line").Nth(4).Locator("input").First.GetAttributeAsync("name");
        await page.FillAsync("input[name=Date]", "2024-03-06");
        await FillLineAsync(page, 0, "购买办公用品", "513", debit: "100");
        await FillLineAsync(page, 1, "购买办公用品", "101 库存现金", credit: "99.99");
        var runningDifference = await page.TextContentAsync("#difference");
        await ShotAsync(page, "accountant", "unbalanced");
        await page.ClickAsync("#post");
        var refusal = await page.TextContentAsync(".errors");
        await page.FillAsync("input[name='Lines[1].Credit']", "100");
        await Assertions.Expect(page.Locator("#capitals")).ToHaveTextAsync("人民币（大写）壹佰元整");
        await ShotAsync(page, "accountant", "balanced");
        await page.ClickAsync("#post");
        await Assertions.Expect(page).ToHaveURLAsync(Posted);
        await ShotAsync(page, "accountant", "posted");
        var notice = await page.TextContentAsync(".notice");
        var number = await page.TextContentAsync("#voucher-number");
        var footer = await page.TextContentAsync("#voucher-lines tfoot");
        await page.ClickAsync("text=返回凭证列表");
        await ShotAsync(page, "accountant", "vouchers");
        var listed = await page.TextContentAsync("#vouchers");

        added.Should().Be(6, "the form starts with four lines and two were added");
        listed.Should().Contain("2024-03/记-0001").And.Contain("2024-03/记-0002").And.Contain("购买办公用品");
        renumbered.Should().Be("Lines[4].Summary", "a removed line leaves the others numbered without a gap");
        runningDifference.Should().Be("0.01");
        refusal.Should().Contain("凭证未保存").And.Contain("借贷不平衡").And.Contain("本凭证")
            .And.NotContain("voucher.unbalanced", "no internal key on a page").And.NotContain("web-", "nor the form's idempotency key");
        notice.Should().Contain("已保存");
        number.Should().Be("2024-03/记-0002");
        footer.Should().Contain("壹佰元整");
        var journal = await Cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03");
        journal.Should().Contain("记-0002").And.NotContain("记-0003", "the unbalanced voucher wrote nothing");
    }

    [SkippableFact]
    public async Task An_accountant_closes_the_month_and_then_cannot_post_into_it_until_it_is_reopened_with_a_reason()
    {
        RequireBrowser();
        var page = await SignedInAsync("acct-a");

        await page.ClickAsync("text=结账");
        await ShotAsync(page, "accountant", "periods");
        await page.ClickAsync("#close");
        var closed = await page.TextContentAsync(".notice");
        await page.GotoAsync("/books/33010101/vouchers/new");
        await page.FillAsync("input[name=Date]", "2024-03-20");
        await FillLineAsync(page, 0, "补记", "513", debit: "10");
        await FillLineAsync(page, 1, "补记", "101", credit: "10");
        await page.ClickAsync("#post");
        var refused = await page.TextContentAsync(".errors");
        await page.GotoAsync("/books/33010101/periods");
        await page.FillAsync("input[name=reason]", "补记3月凭证");
        await page.ClickAsync("#reopen");
        await ShotAsync(page, "accountant", "reopened");

        closed.Should().Contain("2024-03 已结账");
        refused.Should().Contain("2024-03");
        (await page.TextContentAsync(".notice")).Should().Contain("2024-03 已反结账");
        (await page.TextContentAsync("#months")).Should().NotContain("已结账");
    }

    [SkippableFact]
    public async Task An_accountant_imports_files_sees_each_bad_row_named_and_finds_the_registers_and_budget_filled()
    {
        RequireBrowser();
        var page = await SignedInAsync("acct-a");
        async Task UploadAsync(string kind, string name, string csv, string? year = null)
        {
            await page.GotoAsync("/books/33010101/imports");
            await page.SelectOptionAsync("select[name=kind]", kind);
            await page.FillAsync("input[name=year]", year ?? string.Empty);
            await page.SetInputFilesAsync("input[name=file]", new FilePayload { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await page.ClickAsync("#import");
        }

        await UploadAsync("resources", "resources.csv", "code,name,type,area\nR1,东坡地,耕地,12.5\nR2,鱼塘,月球,8\n");
        await ShotAsync(page, "accountant", "import-refused");
        var refused = await page.TextContentAsync("#import-errors");
        await UploadAsync("resources", "resources.csv", "code,name,type,area\nR1,东坡地,耕地,12.5\nR2,鱼塘,水面,8\n");
        var imported = await page.TextContentAsync("#import-summary");
        await UploadAsync("budgets", "budget.csv", "account,amount\n511,100000\n", year: "2024");
        await page.GotoAsync("/books/33010101/registers");
        await ShotAsync(page, "accountant", "registers");
        var resources = await page.TextContentAsync("#resources");
        await page.GotoAsync("/books/33010101/budgets?period=2024-03");
        await ShotAsync(page, "accountant", "budget");

        refused.Should().Contain("没有写入任何数据").And.Contain("月球").And.Contain("3");
        imported.Should().Contain("登记资源 2 项");
        resources.Should().Contain("东坡地").And.Contain("鱼塘").And.Contain("水面");
        (await page.TextContentAsync("#budget")).Should().Contain("100,000.00").And.Contain("60,000.00").And.Contain("60.0%");
    }

    [SkippableFact]
    public async Task A_large_payment_raises_an_alert_that_the_supervisor_drills_into_and_resolves()
    {
        RequireBrowser();
        var accountant = await SignedInAsync("acct-a");
        await accountant.GotoAsync("/books/33010101/vouchers/new");
        await accountant.FillAsync("input[name=Date]", "2024-03-07");
        await accountant.FillAsync("input[name=Resolution]", "");
        await FillLineAsync(accountant, 0, "支付道路硬化工程款", "511", debit: "80,000");
        await FillLineAsync(accountant, 1, "支付道路硬化工程款", "102", credit: "80,000");
        await accountant.ClickAsync("#post");
        await Assertions.Expect(accountant).ToHaveURLAsync(Posted);
        var voucher = await accountant.TextContentAsync("#voucher-number");

        (await Cli.OkAsync("rules", "run")).Should().Contain("LARGE_TXN"); // what the scheduler's job runs every 15 minutes

        var supervisor = await SignedInAsync("super");
        await ShotAsync(supervisor, "supervisor", "home");
        await supervisor.ClickAsync("text=预警处理");
        await ShotAsync(supervisor, "supervisor", "inbox");
        await supervisor.ClickAsync("#alerts tr:has-text('80,000.00') a");
        await ShotAsync(supervisor, "supervisor", "alert");
        var alertUrl = supervisor.Url;
        await supervisor.ClickAsync(".evidence-voucher");
        await ShotAsync(supervisor, "supervisor", "evidence");
        var drilled = await supervisor.TextContentAsync("#voucher-number");
        var reversible = await supervisor.Locator("text=红字冲销").CountAsync();
        await supervisor.GotoAsync(alertUrl);
        await supervisor.FillAsync("textarea[name=comment]", "已核实：村民代表会议决议2024-02，已补录决议编号");
        await supervisor.ClickAsync("button[value=resolve]");
        await Assertions.Expect(supervisor.Locator("#alert-state")).ToHaveTextAsync("已办结"); // the old page has a state too: wait for the new one
        await ShotAsync(supervisor, "supervisor", "resolved");

        drilled.Should().Be(voucher, "the alert's evidence leads to the voucher the accountant posted");
        reversible.Should().Be(0, "a supervisor reads the books but does not post in them");
        (await supervisor.TextContentAsync("#alert-state")).Should().Be("已办结");
        (await supervisor.TextContentAsync("#history")).Should().Contain("super").And.Contain("已核实");
        (await Cli.OkAsync("alerts", "list", "--org", "33010101", "--state", "resolved")).Should().Contain("80,000.00");
    }

    [SkippableFact]
    public async Task The_supervisor_backtests_a_threshold_sets_it_for_the_township_and_subscribes_an_address()
    {
        RequireBrowser();
        var page = await SignedInAsync("super");

        await page.ClickAsync("text=预警规则与回测");
        await page.SelectOptionAsync("form:has(#backtest) select[name=Rule]", "LARGE_TXN");
        await page.FillAsync("input[name=From]", "2024-01-01");
        await page.FillAsync("input[name=To]", "2024-12-31");
        await page.FillAsync("textarea[name=Parameters]", "tier1=70000\ntier2=80000\ntier3=90000");
        await page.ClickAsync("#backtest");
        await ShotAsync(page, "supervisor", "backtest");
        var backtest = await page.TextContentAsync("#backtest-count");
        await page.SelectOptionAsync("form:has(#set) select[name=rule]", "LARGE_TXN");
        await page.FillAsync("input[name=parameter]", "tier3");
        await page.FillAsync("input[name=value]", "100000");
        await page.FillAsync("input[name=reason]", "镇党委会2024年第3次会议");
        await page.ClickAsync("#set");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        var tier3 = await page.TextContentAsync(".parameter[data-rule=LARGE_TXN][data-name=tier3]");
        await ShotAsync(page, "supervisor", "rules");
        await page.GotoAsync("/subscribers");
        await page.FillAsync("input[name=email]", "wang.wu@nongjing.example.cn");
        await page.FillAsync("input[name=name]", "王五");
        await page.SelectOptionAsync("select[name=minSeverity]", "serious");
        await page.ClickAsync("#subscribe");
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await ShotAsync(page, "supervisor", "subscribers");

        backtest.Should().Contain("0 条");
        tier3.Should().Contain("100000").And.Contain("330101 设定");
        (await page.TextContentAsync("#subscribers")).Should().Contain("wang.wu@nongjing.example.cn").And.Contain("严重");
        (await Cli.OkAsync("alerts", "list", "--org", "330101")).Should().Contain("LARGE_TXN", "the backtest raised nothing new and changed nothing");
    }

    [SkippableFact]
    public async Task The_dashboard_draws_the_townships_alerts_budget_money_and_arrears_as_charts()
    {
        RequireBrowser();
        await Cli.OkAsync("budget", "import", Cli.WriteFile("b.csv", "account,amount\n511,50000\n"), "--org", "33010101", "--year", "2024");
        var page = await SignedInAsync("super");

        await page.ClickAsync("text=看板");
        await page.GotoAsync("/dashboard?org=330101&period=2024-03");
        await Assertions.Expect(page.Locator(".chart .main-svg").First).ToBeVisibleAsync();
        await ShotAsync(page, "supervisor", "dashboard");

        (await page.Locator(".chart").CountAsync()).Should().Be(4);
        foreach (var chart in new[] { "alerts", "budget", "cash", "arrears" })
        {
            (await page.Locator($"#chart-{chart} .main-svg").CountAsync()).Should().BeGreaterThan(0, "the {0} chart is drawn", chart);
        }

        (await page.TextContentAsync("#chart-alerts")).Should().Contain("大额收支");
        (await page.TextContentAsync("#chart-budget")).Should().Contain("东风村");
    }

    [SkippableFact]
    public async Task The_auditor_reads_the_balance_sheet_on_screen_and_downloads_a_workbook_that_opens()
    {
        RequireBrowser();
        var page = await SignedInAsync("audit");
        await ShotAsync(page, "auditor", "home");

        await page.GotoAsync("/reports?org=33010101&period=2024-03&kind=balance-sheet");
        await ShotAsync(page, "auditor", "balance-sheet");
        var onScreen = await page.TextContentAsync("#report");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        var file = Path.Combine(Cli.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        await page.GotoAsync("/reports?org=330101&period=2024-03&kind=income-statement");
        await ShotAsync(page, "auditor", "income-statement-township");

        onScreen.Should().Contain("资产负债表").And.Contain("东风村");
        using var workbook = new XLWorkbook(file);
        workbook.Worksheet(1).Cell(1, 1).GetString().Should().Be("资产负债表");
        (await page.TextContentAsync("#report")).Should().Contain("汇总");
    }

    [SkippableFact]
    public async Task The_administrator_sees_every_user_with_their_roles_and_the_countys_dashboard()
    {
        RequireBrowser();
        var page = await SignedInAsync("admin");
        await ShotAsync(page, "admin", "home");

        await page.ClickAsync("text=用户与权限");
        await ShotAsync(page, "admin", "users");
        var users = await page.TextContentAsync("#users");
        await page.GotoAsync("/dashboard?org=3301&period=2024-03");
        await Assertions.Expect(page.Locator("#chart-cash .main-svg").First).ToBeVisibleAsync();
        await ShotAsync(page, "admin", "dashboard-county");

        users.Should().Contain("acct-a").And.Contain("会计/报账员（33010101）").And.Contain("监管员（330101）").And.Contain("管理员（全部）");
    }

    [SkippableFact]
    public async Task An_accountant_of_another_village_cannot_reach_the_voucher_and_nobody_unsigned_reaches_anything()
    {
        RequireBrowser();
        var other = await SignedInAsync("acct-b");

        var voucher = await other.GotoAsync("/vouchers/1");
        await ShotAsync(other, "other-accountant", "voucher");
        var voucherPage = await other.TextContentAsync("h1");
        var entry = await other.GotoAsync("/books/33010101/vouchers/new");
        var entryPage = await other.TextContentAsync("h1");
        var anonymous = await (await other.Context.Browser!.NewPageAsync()).GotoAsync(new Uri(Server, "/books/33010101/vouchers").ToString());

        voucher!.Status.Should().Be(404);
        voucherPage.Should().Be("页面不存在");
        entry!.Status.Should().Be(403);
        entryPage.Should().Be("无权访问");
        anonymous!.Url.Should().Contain("/signin?ReturnUrl=");
    }
}
