using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.OneMatterOverspend;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.OneMatterOverspend;

public class OneMatterOverspendTests
{
    [Fact]
    public async Task A_debit_balance_on_231_is_an_overspend()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("102", 2_000), Cr("231", 2_000));
        (await ledger.RunRulesAsync()).Raised.Should().BeEmpty();

        await ledger.PostAsync("V1", "2024-03-20", Dr("231", 2_500), Cr("102", 2_500));

        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle(a => a.RuleId == "ONE_MATTER_OVERSPEND").Which.Amount.Should().Be(500_00);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0L, 0)]
    [InlineData(-100L, 0)]
    [InlineData(1L, 1)]
    public void Facts_only_a_debit_balance_on_231_is_an_overspend(long? balance, int alerts)
    {
        var facts = Given.On("2024-03-31", Given.Voucher(1, "2024-03-20", Given.Dr("231", 1), Given.Cr("102", 1)))
            .With(OneMatterBalance.Source, new OneMatterFacts(balance));

        new OneMatterOverspendRule().Evaluate(facts).Should().HaveCount(alerts);
    }
}
