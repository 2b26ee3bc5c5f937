using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.ContractExpiring;

public class ContractExpiringTests
{
    [Fact]
    public async Task A_contract_within_ninety_days_of_its_end_is_flagged_and_not_before()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));

        (await ledger.RunRulesAsOfAsync("2025-11-29")).ShouldSucceed().Raised.Should().NotContain(a => a.RuleId == "CONTRACT_EXPIRING", "91 days before the end");
        var inside = (await ledger.RunRulesAsOfAsync("2025-11-30")).ShouldSucceed();

        inside.Raised.Should().ContainSingle(a => a.RuleId == "CONTRACT_EXPIRING").Which.Explanation.Should().Contain("还有90天");
    }
}
