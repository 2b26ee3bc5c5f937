namespace AssetLedger.Core.Tests.Common;

/// <summary>人民币大写 by the rules for filling in payment vouchers.</summary>
public sealed class ChineseCapitalsTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("1234.56", "壹仟贰佰叁拾肆元伍角陆分")]
    [InlineData("100", "壹佰元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.50", "伍角")]
    [InlineData("1000.05", "壹仟元零伍分")]
    [InlineData("1234.05", "壹仟贰佰叁拾肆元零伍分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("100001", "壹拾万零壹元整")]
    [InlineData("105000", "壹拾万伍仟元整")]
    [InlineData("100500", "壹拾万零伍佰元整")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")] // the examples of the rules themselves
    [InlineData("1409.50", "壹仟肆佰零玖元伍角")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("100005000", "壹亿零伍仟元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("60000", "陆万元整")]
    [InlineData("-237.50", "负贰佰叁拾柒元伍角")]
    public void An_amount_is_written_out_as_on_a_paper_voucher(string yuan, string expected) =>
        ChineseCapitals.Format(Money.Parse(yuan).Value).Should().Be(expected);
}
