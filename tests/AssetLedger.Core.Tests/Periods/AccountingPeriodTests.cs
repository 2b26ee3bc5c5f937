using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Tests.Periods;

public class AccountingPeriodTests
{
    [Fact]
    public void Parses_year_and_month_and_formats_back()
    {
        var p = AccountingPeriod.Parse("2024-03").Value;
        p.Year.Should().Be(2024);
        p.Month.Should().Be(3);
        p.Key.Should().Be(202403);
        p.ToString().Should().Be("2024-03");
        p.FirstDay.Should().Be(new DateOnly(2024, 3, 1));
        p.LastDay.Should().Be(new DateOnly(2024, 3, 31));
        AccountingPeriod.Of(2024, 2).LastDay.Should().Be(new DateOnly(2024, 2, 29), "2024 is a leap year");
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-00")]
    [InlineData("2024-3")]
    [InlineData("24-03")]
    [InlineData("2024/03")]
    [InlineData("")]
    [InlineData("March")]
    public void Rejects_anything_but_YYYY_MM(string text) =>
        AccountingPeriod.Parse(text).ShouldFailWith("period.invalid").Message.Should().Contain("YYYY-MM");

    [Fact]
    public void Next_and_previous_cross_years_and_are_inverse()
    {
        AccountingPeriod.Of(2024, 12).Next().Should().Be(AccountingPeriod.Of(2025, 1));
        AccountingPeriod.Of(2025, 1).Previous().Should().Be(AccountingPeriod.Of(2024, 12));
        for (var m = 1; m <= 12; m++)
        {
            var p = AccountingPeriod.Of(2024, m);
            p.Next().Previous().Should().Be(p);
        }
    }

    [Fact]
    public void Opening_slot_sorts_before_January_and_after_last_December()
    {
        var opening = AccountingPeriod.OpeningOf(2024);
        opening.Should().BeLessThan(AccountingPeriod.Of(2024, 1));
        opening.Should().BeGreaterThan(AccountingPeriod.Of(2023, 12));
        opening.IsOpening.Should().BeTrue();
        AccountingPeriod.FromKey(opening.Key).Should().Be(opening);
    }

    [Fact]
    public void Contains_only_dates_of_its_month()
    {
        var p = AccountingPeriod.Of(2024, 3);
        p.Contains(new DateOnly(2024, 3, 31)).Should().BeTrue();
        p.Contains(new DateOnly(2024, 4, 1)).Should().BeFalse();
        AccountingPeriod.Of(new DateOnly(2024, 3, 5)).Should().Be(p);
    }
}
