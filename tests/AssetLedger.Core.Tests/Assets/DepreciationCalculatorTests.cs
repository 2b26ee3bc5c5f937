using AssetLedger.Core.Assets;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Tests.Assets;

public class DepreciationCalculatorTests
{
    private static FixedAsset Card(long costFen, int lifeMonths, int residualBp = 500, string acquired = "2024-03-15",
        DepreciationMethod method = DepreciationMethod.StraightLine, long totalUnits = 0, long openingAccumulated = 0, long openingUsage = 0,
        string category = "机器设备") => new()
        {
            Code = "F1", Name = "拖拉机", Category = category, Origin = "购入", Acquired = DateOnly.Parse(acquired, System.Globalization.CultureInfo.InvariantCulture),
            Cost = costFen, LifeMonths = lifeMonths, ResidualRateBasisPoints = residualBp, Method = method, TotalUnits = totalUnits,
            OpeningAccumulated = openingAccumulated, OpeningUsage = openingUsage, Use = AssetUse.Production,
        };

    /// <summary>Runs the calculator month after month, as the monthly job does, and returns each month's amount.</summary>
    private static List<long> Schedule(FixedAsset card, string from, int months, Func<AccountingPeriod, long>? units = null)
    {
        var amounts = new List<long>();
        long accumulated = card.OpeningAccumulated, usage = card.OpeningUsage;
        var period = AccountingPeriod.Parse(from).Value;
        for (var i = 0; i < months; i++, period = period.Next())
        {
            var (amount, used) = DepreciationCalculator.For(new AssetState(card, accumulated, usage, AssetStatus.InUse, null), period, units?.Invoke(period) ?? 0);
            amounts.Add(amount);
            accumulated += amount;
            usage += used;
        }

        return amounts;
    }

    [Fact]
    public void Straight_line_rounds_each_month_and_gives_the_remainder_to_the_last_so_the_total_is_exact()
    {
        var card = Card(10_000_00, 36); // depreciable 9,500.00 over 36 months: 263.888… a month

        var amounts = Schedule(card, "2024-04", 40);

        amounts.Take(35).Should().OnlyContain(a => a == 263_89);
        amounts[35].Should().Be(9_500_00 - (35 * 263_89));
        amounts.Skip(36).Should().OnlyContain(a => a == 0, "a fully depreciated asset is not depreciated");
        amounts.Sum().Should().Be(card.Depreciable);
        card.Residual.Should().Be(500_00);
    }

    [Fact]
    public void Depreciation_starts_the_month_after_the_asset_is_put_to_use()
    {
        var card = Card(12_000_00, 24, acquired: "2024-03-31");

        Schedule(card, "2024-03", 2).Should().Equal(0, 475_00);
    }

    [Fact]
    public void An_asset_removed_in_a_month_is_still_depreciated_that_month_and_not_after()
    {
        var card = Card(12_000_00, 24, acquired: "2023-01-10");
        var state = new AssetState(card, 0, 0, AssetStatus.InUse, new DateOnly(2024, 5, 20));

        DepreciationCalculator.For(state, AccountingPeriod.Of(2024, 5)).Amount.Should().Be(475_00);
        DepreciationCalculator.For(state, AccountingPeriod.Of(2024, 6)).Amount.Should().Be(0);
    }

    [Fact]
    public void Idle_assets_are_not_depreciated_unless_they_are_buildings()
    {
        var machine = Card(12_000_00, 24, acquired: "2023-01-10");
        var building = Card(240_000_00, 240, acquired: "2023-01-10", category: "房屋及建筑物");

        DepreciationCalculator.For(new AssetState(machine, 0, 0, AssetStatus.Idle, null), AccountingPeriod.Of(2024, 5)).Amount.Should().Be(0);
        DepreciationCalculator.For(new AssetState(building, 0, 0, AssetStatus.Idle, null), AccountingPeriod.Of(2024, 5)).Amount.Should().Be(950_00);
        DepreciationCalculator.For(new AssetState(machine, 0, 0, AssetStatus.Leased, null), AccountingPeriod.Of(2024, 5)).Amount.Should().Be(475_00, "a leased asset keeps depreciating");
    }

    [Fact]
    public void Tiny_amounts_never_go_negative_and_still_add_up()
    {
        var card = Card(2, 13, residualBp: 0); // 2 fen over 13 months: a month rounds to 0

        var amounts = Schedule(card, "2024-04", 13);

        amounts.Should().OnlyContain(a => a >= 0);
        amounts.Sum().Should().Be(2);
    }

    [Fact]
    public void An_existing_asset_spreads_what_remains_over_what_remains_of_its_life()
    {
        // 60-month life, 24 months and 3,600.00 already taken of a depreciable 9,500.00: 5,900.00 over 36 months.
        var card = Card(10_000_00, 60, acquired: "2022-03-15", openingAccumulated: 3_600_00, openingUsage: 24);

        var amounts = Schedule(card, "2024-04", 37);

        amounts[0].Should().Be(163_89);
        amounts.Take(36).Sum().Should().Be(5_900_00);
        amounts[36].Should().Be(0);
    }

    [Fact]
    public void Units_of_production_follow_the_work_done_and_the_last_units_take_the_remainder()
    {
        var card = Card(100_000_00, 120, residualBp: 0, method: DepreciationMethod.Units, totalUnits: 30_000);

        var amounts = Schedule(card, "2024-04", 4, p => p.Month switch { 4 => 10_000, 5 => 0, 6 => 10_000, _ => 15_000 });

        amounts.Should().Equal(33_333_33, 0, 33_333_33, 33_333_34);
        amounts.Sum().Should().Be(card.Depreciable);
    }
}
