using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.RentOverdue;

public class RentOverdueTests
{
    [Fact]
    public async Task Rent_past_due_and_unpaid_is_overdue_once()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        var onTheDueDate = (await ledger.RunRulesAsOfAsync("2024-03-01")).ShouldSucceed();
        var dayAfter = (await ledger.RunRulesAsOfAsync("2024-03-02")).ShouldSucceed();
        var again = (await ledger.RunRulesAsOfAsync("2024-03-03")).ShouldSucceed();

        onTheDueDate.Raised.Should().NotContain(a => a.RuleId == "RENT_OVERDUE", "on its due date an installment is not yet overdue");
        dayAfter.Raised.Should().ContainSingle(a => a.RuleId == "RENT_OVERDUE").Which.Amount.Should().Be(10_000_00);
        again.Raised.Should().NotContain(a => a.RuleId == "RENT_OVERDUE", "the same installment never raises two alerts");
    }
}
