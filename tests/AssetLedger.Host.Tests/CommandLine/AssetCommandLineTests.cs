namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>The asset register's command-line forms, as the registers issue writes them.</summary>
public sealed class AssetCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private async Task VillageWithPurchaseAsync()
    {
        await cli.CountyWithVillageAsync();
        var purchase = cli.WriteFile("purchase.csv", "key,date,summary,account,debit,credit\nP1,2024-03-15,购入拖拉机,151,30000,\nP1,2024-03-15,购入拖拉机,102,,30000\n");
        await cli.OkAsync("voucher", "import", purchase, "--org", "33010101");
    }

    [Fact]
    public async Task Import_depreciate_twice_list_dispose_and_verify()
    {
        await VillageWithPurchaseAsync();
        var cards = cli.WriteFile("assets.csv", """
            编号,名称,类别,开始使用日期,原值,使用年限(月),净残值率,折旧方法,用途,已提折旧
            F1,拖拉机,机器设备,2024-03-15,"30,000.00",120,5%,年限平均法,生产,0
            """);

        (await cli.OkAsync("asset", "import", cards, "--org", "33010101")).Should().Contain("registered 1 asset cards");
        (await cli.OkAsync("depreciation", "run", "--org", "33010101", "--period", "2024-04")).Should().Contain("237.50").And.Contain("2024-04/记-0001");
        (await cli.OkAsync("depreciation", "run", "--org", "33010101", "--period", "2024-04")).Should().Contain("nothing changed");
        (await cli.OkAsync("asset", "list", "--org", "33010101")).Should().Contain("29,762.50");
        (await cli.OkAsync("asset", "dispose", "--org", "33010101", "--asset", "F1", "--date", "2024-04-30", "--reason", "出售", "--proceeds", "28,000"))
            .Should().Contain("book value 29,762.50");
        (await cli.OkAsync("verify")).Should().StartWith("OK");
    }

    [Fact]
    public async Task Status_changes_and_their_errors()
    {
        await VillageWithPurchaseAsync();
        await cli.OkAsync("asset", "import", cli.WriteFile("a.csv",
            "code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated\nF1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0\n"), "--org", "33010101");

        var missingLessee = await cli.RunAsync("asset", "status", "--org", "33010101", "--asset", "F1", "--status", "出租", "--date", "2024-04-01", "--reason", "村民代表会议决议");
        var badStatus = await cli.RunAsync("asset", "status", "--org", "33010101", "--asset", "F1", "--status", "卖了", "--date", "2024-04-01", "--reason", "x");

        missingLessee.ExitCode.Should().Be(1);
        missingLessee.Error.Should().Contain("counterparty is required");
        badStatus.Error.Should().Contain("'卖了' is not a status");
        (await cli.OkAsync("asset", "status", "--org", "33010101", "--asset", "F1", "--status", "出租", "--date", "2024-04-01", "--counterparty", "李四", "--reason", "决议2024-05"))
            .Should().Contain("出租");
    }

    [Fact]
    public async Task Resources_are_imported_listed_and_changed()
    {
        await VillageWithPurchaseAsync();
        var file = cli.WriteFile("resources.csv", "编号,名称,类型,面积(亩),坐落,经营方式\nR1,东坡地,耕地,12.35,三组,自营\nR2,鱼塘,水面,8,村南,闲置\n");

        (await cli.OkAsync("resource", "import", file, "--org", "33010101")).Should().Contain("registered 2 resources");
        (await cli.OkAsync("resource", "change", "--org", "33010101", "--resource", "R2", "--date", "2025-03-01", "--mode", "出租", "--operator", "绿源公司", "--reason", "决议2025-02"))
            .Should().Contain("出租").And.Contain("绿源公司");
        (await cli.OkAsync("resource", "list", "--org", "33010101")).Should().MatchRegex(@"合计\s+20.35");
        (await cli.RunAsync("resource", "change", "--org", "33010101", "--resource", "R9", "--date", "2025-03-01", "--mode", "出租", "--reason", "x"))
            .Error.Should().Contain("no resource R9");
    }

    [Fact]
    public async Task Contracts_are_imported_scheduled_and_paid()
    {
        await VillageWithPurchaseAsync();
        await cli.OkAsync("resource", "import", cli.WriteFile("r.csv", "code,name,type,area\nR1,东坡地,耕地,100\n"), "--org", "33010101");
        var contracts = cli.WriteFile("c.csv", "合同编号,承包方,标的,起始日期,终止日期,面积,单价,付款方式\nC1,张三,R1,2024-03-01,2027-02-28,100,120,每年预付\n");

        (await cli.OkAsync("contract", "import", contracts, "--org", "33010101")).Should().Contain("registered 1 contracts with 3 installments");
        (await cli.OkAsync("contract", "receive", "--org", "33010101", "--contract", "C1", "--date", "2024-03-05", "--amount", "12,000"))
            .Should().Contain("outstanding on the contract 24,000.00");
        var schedule = await cli.OkAsync("contract", "schedule", "--org", "33010101", "--contract", "C1");
        schedule.Should().Contain("paid").And.Contain("overdue").And.Contain("逾期欠款 12,000.00", "the second year fell due on 2025-03-01; today is 2026-01-15");
        (await cli.RunAsync("contract", "receive", "--org", "33010101", "--contract", "C1", "--date", "2024-03-06", "--amount", "99,999"))
            .Error.Should().Contain("outstanding");
        (await cli.OkAsync("contract", "amend", "--org", "33010101", "--contract", "C1", "--from", "2025-03-01", "--annual-amount", "15,000", "--reason", "决议2025-02"))
            .Should().Contain("15,000.00 a year");
        (await cli.OkAsync("contract", "renew", "--org", "33010101", "--contract", "C1", "--end", "2028-02-29", "--reason", "续签一年"))
            .Should().Contain("runs to 2028-02-29");
        (await cli.OkAsync("contract", "terminate", "--org", "33010101", "--contract", "C1", "--date", "2026-03-01", "--reason", "解除"))
            .Should().Contain("runs to 2026-02-28");
    }

    [Theory]
    [InlineData("contract", "import")]
    [InlineData("contract", "schedule")]
    [InlineData("contract", "receive")]
    [InlineData("contract", "renew")]
    [InlineData("contract", "terminate")]
    [InlineData("contract", "amend")]
    [InlineData("resource", "import")]
    [InlineData("resource", "list")]
    [InlineData("resource", "change")]
    [InlineData("asset", "import")]
    [InlineData("asset", "list")]
    [InlineData("asset", "dispose")]
    [InlineData("asset", "status")]
    [InlineData("asset", "usage")]
    [InlineData("depreciation", "run")]
    [InlineData("depreciation", "reverse")]
    public async Task Every_asset_verb_has_help(string noun, string verb)
    {
        var result = await cli.RunAsync(noun, verb, "--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("Usage:");
    }
}
