using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.ResourceChange;

public class ResourceChangeTests
{
    [Fact]
    public async Task A_resource_leased_out_is_a_resource_change()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        await ledger.RunRulesAsOfAsync("2024-01-01");

        (await ledger.RunAsync<Core.Resources.ResourceRegister, Outcome<Core.Resources.ResourceView>>(s => s.ChangeAsync("V1", "R1", new DateOnly(2025, 3, 1),
            new Core.Resources.ResourceChange(Mode: Core.Resources.OperatingMode.Leased, Operator: "张三"), "决议2025-02"))).ShouldSucceed();
        var run = (await ledger.RunRulesAsOfAsync("2024-01-01")).ShouldSucceed();

        run.Raised.Where(a => a.RuleId == "RESOURCE_CHANGE").Select(a => a.Explanation).Should().HaveCount(2)
            .And.Contain(e => e.Contains("经营方式由自营变为出租"))
            .And.Contain(e => e.Contains("经营者由集体变为张三"));
    }
}
