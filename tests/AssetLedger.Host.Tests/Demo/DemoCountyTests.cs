using AssetLedger.Host.Tests.CommandLine;

namespace AssetLedger.Host.Tests.Demo;

/// <summary>The demo county: reproducible files, loaded through the user's paths, with each planted case caught.</summary>
public sealed class DemoCountyTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Generating_again_writes_the_committed_files_byte_for_byte()
    {
        var folder = Path.Combine(cli.Folder, "demo");
        await cli.OkAsync("demo", "generate", "--out", folder);

        var committed = Path.Combine(RepositoryRoot(), "samples", "demo-county");
        var generated = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        generated.Should().Equal(Directory.GetFiles(committed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in generated)
        {
            File.ReadAllBytes(Path.Combine(folder, name!)).Should().Equal(File.ReadAllBytes(Path.Combine(committed, name!)), $"{name} is reproducible");
        }
    }

    [Fact]
    public async Task The_demo_county_loads_once_into_an_empty_database_with_every_planted_case_raised()
    {
        var loaded = await cli.OkAsync("demo", "load");
        var again = await cli.RunAsync("demo", "load");
        var alerts = await cli.OkAsync("alerts", "list");

        loaded.Should().Contain("loaded the demo county: 16 organizations");
        again.ExitCode.Should().Be(1);
        again.Error.Should().Contain("loads only into an empty one");
        alerts.Should().Contain("LARGE_TXN").And.Contain("BUDGET_OVERRUN").And.Contain("ASSET_CHANGE").And.Contain("SPLIT_PAYMENT")
            .And.Contain("CASH_OVER_LIMIT").And.Contain("RENT_OVERDUE").And.Contain("低于账面价值").And.Contain("未关联村民会议");
        (await cli.OkAsync("report", "balance-sheet", "--org", "3301", "--period", "2025-12")).Should().Contain("资产总计");
        (await cli.OkAsync("subscriber", "list")).Should().Contain("城关镇农经站 王五");
        (await cli.OkAsync("user", "list")).Should().MatchRegex(@"admin\s+系统管理员\s+admin").And.Contain("accountant@33010101").And.Contain("supervisor@330101").And.Contain("auditor@3301");
        (await cli.OkAsync("verify")).Should().NotContain("error");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AssetLedger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (AssetLedger.sln) is not above the test binaries");
    }
}
