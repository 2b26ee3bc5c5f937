using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.StaleBalance;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.StaleBalance;

public class StaleBalanceTests
{
    private static async Task<IReadOnlyList<Alert>> StaleAsOfAsync(TestLedger ledger, int year, int month, int day) =>
        (await ledger.RunAsync<RuleEngine, Outcome<RunReport>>(e => e.RunAsync(null, new DateOnly(year, month, day)))).ShouldSucceed()
            .Raised.Where(a => a.RuleId == "STALE_BALANCE").ToList();

    [Fact]
    public async Task A_counterparty_balance_unmoved_for_more_than_twelve_months_is_flagged_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await ledger.PostAsync("V1", "2024-01-10", Dr("112", 3_000, "张三"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-01-11", Dr("112", 2_000, "李四"), Cr("102", 2_000));
        await ledger.PostAsync("V1", "2024-06-11", Dr("102", 2_000), Cr("112", 2_000, "李四"));

        var twelve = await StaleAsOfAsync(ledger, 2025, 1, 31);
        var thirteen = await StaleAsOfAsync(ledger, 2025, 2, 1);
        var later = await StaleAsOfAsync(ledger, 2025, 5, 1);

        twelve.Should().BeEmpty("twelve months is not more than twelve");
        thirteen.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Amount == 3_000_00 && a.Explanation.Contains("张三") && a.Explanation.Contains("2024年1月"));
        later.Should().BeEmpty("the same balance, unmoved since the same month, raised its alert already; 李四 is settled");
    }

    [Fact]
    public async Task A_township_can_shorten_the_months_and_a_balance_that_moves_starts_over()
    {
        await using var ledger = await RulesTestLedger.CreateAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        (await ledger.SetRuleAsync(Township, "STALE_BALANCE", "months", 6)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-01-10", Dr("102", 5_000), Cr("211", 5_000, "王五"));

        var first = await StaleAsOfAsync(ledger, 2024, 8, 1);
        await ledger.PostAsync("V1", "2024-09-10", Dr("211", 1_000, "王五"), Cr("102", 1_000));
        var afterPayment = await StaleAsOfAsync(ledger, 2024, 12, 1);
        var staleAgain = await StaleAsOfAsync(ledger, 2025, 4, 1);

        first.Should().ContainSingle().Which.Amount.Should().Be(5_000_00);
        afterPayment.Should().BeEmpty();
        staleAgain.Should().ContainSingle().Which.Amount.Should().Be(4_000_00);
    }

    [Fact]
    public void Facts_a_balance_idle_longer_than_the_months_is_stale_and_one_idle_exactly_as_long_is_not()
    {
        var facts = Given.On("2024-12-31").With(CounterpartyBalances.Source,
            [new CounterpartyBalance("112", "应收款", "张三", Given.Fen(800), 202312), new CounterpartyBalance("211", "应付款", "李四", -Given.Fen(500), 202311)]);

        var found = new StaleBalanceRule().Evaluate(facts, ("months", 12));

        found.Should().ContainSingle().Which.SubjectKey.Should().Be("balance:211:李四");
    }
}
