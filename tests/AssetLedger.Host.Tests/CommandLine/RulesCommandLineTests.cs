namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>The rule engine's command-line forms, as the rule-engine issue writes them.</summary>
public sealed class RulesCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Rules_run_prints_new_alerts_once_and_alerts_are_handled()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("voucher", "import", cli.WriteFile("v.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,支付工程款,511,60000,\nA,2024-03-05,支付工程款,102,,60000\n"), "--org", "33010101");

        (await cli.OkAsync("rules", "list")).Should().Contain("LARGE_TXN").And.Contain("大额收支").And.Contain("tier1=5000").And.MatchRegex(@"STALE_BALANCE\s+往来款长期挂账\s+daily");
        (await cli.OkAsync("rules", "backtest", "--org", "3301", "--rule", "LARGE_TXN", "--from", "2024-03-01", "--to", "2024-03-31", "--param", "tier3=70000"))
            .Should().Contain("33010101 2024-03-05 LARGE_TXN serious 60,000.00").And.Contain("1 alerts would be raised; nothing was saved");
        (await cli.RunAsync("rules", "backtest", "--org", "3301", "--rule", "LARGE_TXN", "--from", "2024-03-01", "--to", "2024-03-31", "--param", "tier3"))
            .Error.Should().Contain("--param: 'tier3' is not NAME=VALUE");
        (await cli.OkAsync("rules", "run", "--org", "330101", "--as-of", "2024-03-31")).Should().Contain("LARGE_TXN critical 60,000.00").And.Contain("1 new alerts");
        (await cli.OkAsync("rules", "run")).Should().Contain("0 new alerts");
        (await cli.OkAsync("rules", "run", "--full")).Should().Contain("0 new alerts").And.Contain("read 1 vouchers");
        (await cli.OkAsync("alerts", "list", "--org", "3301", "--state", "open")).Should().Contain("LARGE_TXN");
        (await cli.OkAsync("alerts", "ack", "--alert", "1", "--comment", "已联系报账员")).Should().Contain("acknowledged");
        (await cli.OkAsync("alerts", "resolve", "--alert", "1", "--comment", "补齐决议")).Should().Contain("resolved");
        (await cli.RunAsync("alerts", "dismiss", "--alert", "1", "--comment", "x")).Error.Should().Contain("cannot become dismissed");
        (await cli.OkAsync("rules", "set", "--org", "330101", "--rule", "LARGE_TXN", "--param", "tier1", "--value", "10000", "--reason", "镇农经站调整")).Should().Contain("tier1 = 10000");
    }

    [Fact]
    public async Task Budget_import_adjust_and_report_roll_up_and_refuse_a_broken_file()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("voucher", "import", cli.WriteFile("v.csv", "key,date,summary,account,debit,credit\nA,2024-03-05,办公用品,513,950,\nA,2024-03-05,办公用品,102,,950\n"), "--org", "33010101");

        (await cli.OkAsync("budget", "import", cli.WriteFile("b.csv", "account,amount\n513,1000\n501,20000\n"), "--org", "33010101", "--year", "2024"))
            .Should().Contain("imported 2 budget lines");
        var broken = await cli.RunAsync("budget", "import", cli.WriteFile("bad.csv", "account,amount\n1001,abc\n"), "--org", "33010101", "--year", "2025");
        (await cli.OkAsync("rules", "run")).Should().Contain("BUDGET_OVERRUN warning 950.00");
        (await cli.OkAsync("budget", "adjust", "--org", "33010101", "--year", "2024", "--account", "513", "--amount", "500", "--reason", "村民代表会议追加"))
            .Should().Contain("adjusted by 500.00");
        var report = await cli.OkAsync("budget", "report", "--org", "3301", "--period", "2024-03");

        broken.Error.Should().Contain("line 2, column amount").And.Contain("nothing was written");
        report.Should().Contain("513 管理费用").And.Contain("1,500.00").And.Contain("63.3%").And.Contain("支出合计");
    }

    [Theory]
    [InlineData("budget", "import")]
    [InlineData("budget", "adjust")]
    [InlineData("budget", "report")]
    [InlineData("rules", "list")]
    [InlineData("rules", "run")]
    [InlineData("rules", "set")]
    [InlineData("rules", "backtest")]
    [InlineData("scheduler", "run")]
    [InlineData("alerts", "list")]
    [InlineData("alerts", "ack")]
    [InlineData("alerts", "resolve")]
    [InlineData("alerts", "dismiss")]
    public async Task Every_rules_verb_has_help(string noun, string verb) =>
        (await cli.RunAsync(noun, verb, "--help")).Output.Should().Contain("Usage:");
}
