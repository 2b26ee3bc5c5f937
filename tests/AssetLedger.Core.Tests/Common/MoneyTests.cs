namespace AssetLedger.Core.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1234.56", 123456)]
    [InlineData("1,234.56", 123456)]
    [InlineData("1,234,567.8", 123456780)]
    [InlineData("  80 ", 8000)]
    [InlineData("-80.5", -8050)]
    [InlineData("+3", 300)]
    [InlineData(".5", 50)]
    [InlineData("12.", 1200)]
    [InlineData("¥1,000.00", 100000)]
    [InlineData("0.01", 1)]
    public void Parses_amounts_as_accountants_write_them_exactly(string text, long fen) =>
        Money.Parse(text).Value.Fen.Should().Be(fen);

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("12.5", 1250)]
    public void Blank_is_zero_where_an_amount_may_be_left_out(string? text, long fen) =>
        Money.ParseOrZero(text).ShouldSucceed().Fen.Should().Be(fen);

    [Fact]
    public void Blank_is_zero_still_refuses_what_is_not_an_amount() =>
        Money.ParseOrZero("1.234").ShouldFailWith("money.too_many_decimals");

    [Theory]
    [InlineData("1.234", "money.too_many_decimals")]
    [InlineData("0.001", "money.too_many_decimals")]
    [InlineData("12a", "money.invalid")]
    [InlineData("1,23", "money.invalid")]
    [InlineData("1234,567", "money.invalid")]
    [InlineData(",123", "money.invalid")]
    [InlineData("1,2345", "money.invalid")]
    [InlineData("--1", "money.invalid")]
    [InlineData("1e5", "money.invalid")]
    [InlineData(".", "money.invalid")]
    [InlineData("", "money.empty")]
    [InlineData("99999999999999999999", "money.overflow")]
    [InlineData("90000000000000001", "money.overflow")]
    public void Rejects_what_is_not_an_exact_amount_naming_the_text(string text, string code)
    {
        var error = Money.Parse(text).ShouldFailWith(code);
        if (text.Length > 0)
        {
            error.Message.Should().Contain(text.Trim(), "the message names what was typed");
        }
    }

    [Fact]
    public void Largest_input_amount_parses_and_one_fen_more_does_not()
    {
        Money.Parse("90,000,000,000,000.00").Value.Should().Be(Money.MaxInput);
        Money.Parse("90,000,000,000,000.01").ShouldFailWith("money.overflow");
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(123456L, -99L)]
    [InlineData(-5L, 7L)]
    public void Addition_and_subtraction_obey_group_laws(long a, long b)
    {
        var x = Money.FromFen(a);
        var y = Money.FromFen(b);
        (x + y).Should().Be(y + x);
        (x + Money.Zero).Should().Be(x);
        (x - x).Should().Be(Money.Zero);
        (x + -x).Should().Be(Money.Zero);
        (x - y).Should().Be(x + -y);
        ((x + y) - y).Should().Be(x);
    }

    [Fact]
    public void Arithmetic_overflow_throws_instead_of_wrapping()
    {
        var huge = Money.FromFen(long.MaxValue);
        var act = () => huge + Money.FromFen(1);
        act.Should().Throw<OverflowException>();
    }

    [Theory]
    [InlineData(123456L, "1,234.56", "1234.56")]
    [InlineData(-5L, "-0.05", "-0.05")]
    [InlineData(0L, "0.00", "0.00")]
    [InlineData(100000000L, "1,000,000.00", "1000000.00")]
    public void Formats_with_two_decimals(long fen, string display, string plain)
    {
        Money.FromFen(fen).ToString().Should().Be(display);
        Money.FromFen(fen).ToPlainString().Should().Be(plain);
        Money.Parse(display).Value.Fen.Should().Be(fen, "what is printed parses back to the same amount");
    }

    [Theory]
    [InlineData(0.005, 1)]
    [InlineData(-0.005, -1)]
    [InlineData(0.0049, 0)]
    [InlineData(33.335, 3334)]
    public void Rounds_computed_amounts_half_away_from_zero(double yuan, long fen) =>
        Money.RoundToFen((decimal)yuan).Fen.Should().Be(fen);

    [Fact]
    public void Yuan_is_an_exact_decimal_with_two_places()
    {
        Money.FromFen(5).Yuan.Should().Be(0.05m);
        Money.FromFen(100).Yuan.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("1.00");
        Money.FromYuan(12.34m).Fen.Should().Be(1234);
    }

    [Fact]
    public void Comparison_follows_the_amount()
    {
        Money.FromFen(1).Should().BeGreaterThan(Money.Zero);
        (Money.FromFen(-1) < Money.Zero).Should().BeTrue();
        new[] { Money.FromFen(3), Money.FromFen(-2), Money.FromFen(1) }.Order().Should().Equal(Money.FromFen(-2), Money.FromFen(1), Money.FromFen(3));
        Money.Sum([Money.FromFen(1), Money.FromFen(2)]).Should().Be(Money.FromFen(3));
    }
}
