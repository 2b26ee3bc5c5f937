using System.Text;
using AssetLedger.Core.Resources;

namespace AssetLedger.Core.Tests.Resources;

public class ResourceRegisterTests
{
    private const string Header = "code,name,type,area,location,east,south,west,north,certificate,mode,operator\n";

    private static Task<Outcome<ResourceImportResult>> ImportAsync(TestLedger ledger, string csv) =>
        ledger.RunAsync<ResourceRegister, Outcome<ResourceImportResult>>(s => s.ImportAsync("V1", new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    private static async Task<IReadOnlyList<ResourceView>> ListAsync(TestLedger ledger) =>
        (await ledger.RunAsync<ResourceRegister, Outcome<IReadOnlyList<ResourceView>>>(s => s.ListAsync("V1"))).Value;

    [Fact]
    public async Task Land_and_waters_are_registered_with_exact_areas_and_their_boundaries()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        (await ImportAsync(ledger, """
            编号,名称,类型,面积(亩),坐落,东至,南至,西至,北至,权属证号,经营方式,承包方
            R1,东坡地,耕地,12.3456,东风村三组,河沟,村道,王家林地,山脚,集字001,发包,张三
            R2,村南鱼塘,水面,8.5,村南,,,,,,自营,
            """)).ShouldSucceed().Registered.Should().Be(2);

        var list = await ListAsync(ledger);
        list.Select(v => (v.Resource.Code, v.Area.Mu, v.Type, v.Mode, v.Operator)).Should().Equal(
            ("R1", 12.3456m, ResourceType.Farmland, OperatingMode.ContractedOut, "张三"),
            ("R2", 8.5m, ResourceType.Water, OperatingMode.SelfOperated, (string?)null));
        list[0].Resource.East.Should().Be("河沟");
        list.Sum(v => v.Area.TenThousandths).Should().Be(208_456, "areas add up exactly");
    }

    [Fact]
    public async Task A_bad_resource_file_is_rejected_whole()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ImportAsync(ledger, Header + """
            R1,东坡地,耕地,12.34567,,,,,,,,
            R2,西坡地,沙漠,3,,,,,,,,
            R3,北坡地,林地,-3,,,,,,,,
            R4,南坡地,林地,3,,,,,,,承包,
            """);

        result.Errors.Select(e => e.ToString()).Should()
            .Contain(e => e.StartsWith("line 2, column area:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 3, column type:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 4, column area:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 5, column mode:", StringComparison.Ordinal));
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM resources")).Should().Be(0);
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Changes_are_events_and_the_register_shows_the_result()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ImportAsync(ledger, Header + "R1,东坡地,耕地,12.5,,,,,,,自营,\n");

        var changed = (await ledger.RunAsync<ResourceRegister, Outcome<ResourceView>>(s => s.ChangeAsync("V1", "R1", new DateOnly(2025, 3, 1),
            new ResourceChange(Area: Area.Parse("12.25").Value, Mode: OperatingMode.Leased, Operator: "绿源农业公司"), "村民代表会议决议2025-02：出租"))).ShouldSucceed();

        (changed.Area.Mu, changed.Mode, changed.Operator).Should().Be((12.25m, OperatingMode.Leased, "绿源农业公司"));
        changed.Resource.AreaTenThousandths.Should().Be(125_000, "the registration itself never changes");
        var events = await ledger.QueryAsync(db => Task.FromResult(db.ResourceEvents.Where(e => e.Kind != ResourceEventKind.Registered).Select(e => e.Kind).ToList()));
        events.Should().BeEquivalentTo([ResourceEventKind.AreaChanged, ResourceEventKind.ModeChanged, ResourceEventKind.OperatorChanged]);
        (await ledger.RunAsync<ResourceRegister, Outcome<ResourceView>>(s => s.ChangeAsync("V1", "R1", new DateOnly(2025, 3, 2),
            new ResourceChange(Mode: OperatingMode.Leased), "重复"))).ShouldFailWith("resource.no_change");
        var act = () => ledger.ExecuteSqlAsync("UPDATE resources SET area_ten_thousandths = 1");
        await act.Should().ThrowAsync<System.Data.Common.DbException>().WithMessage("*append-only*");
    }

    [Fact]
    public async Task Importing_the_same_register_again_changes_nothing_and_other_facts_are_refused()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ImportAsync(ledger, Header + "R1,东坡地,耕地,12.5,,,,,,,自营,\n");

        (await ImportAsync(ledger, Header + "R1,东坡地,耕地,12.5,,,,,,,自营,\n")).ShouldSucceed().AlreadyRegistered.Should().Be(1);
        (await ImportAsync(ledger, Header + "R1,东坡地,耕地,13,,,,,,,自营,\n")).ShouldFailWith("resource.code_taken");
    }

    [Theory]
    [InlineData("12.35", 123_500)]
    [InlineData("0.0001", 1)]
    [InlineData("3 亩", 30_000)]
    public void Areas_parse_exactly(string text, long tenThousandths) => Area.Parse(text).Value.TenThousandths.Should().Be(tenThousandths);

    [Theory]
    [InlineData("0")]
    [InlineData("1.00001")]
    [InlineData("一亩")]
    [InlineData("")]
    public void Not_areas_are_refused(string text) => Area.Parse(text).ShouldFailWith("area.invalid");
}
