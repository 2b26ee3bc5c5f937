using System.Globalization;

namespace AssetLedger.Core.Common;

/// <summary>
/// An amount of renminbi as a whole number of 分 (0.01 元). Exact: there is no floating point anywhere, and
/// arithmetic that would overflow throws instead of wrapping. Stored as an INTEGER column, so databases sum it
/// natively.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    public static readonly Money Zero;

    /// <summary>The largest amount accepted from input: 90 trillion 元, far above any collective's books,
    /// so that sums of many such amounts still fit in 64 bits.</summary>
    public static readonly Money MaxInput = new(9_000_000_000_000_000);

    public Money(long fen) => Fen = fen;

    public long Fen { get; }

    public bool IsZero => Fen == 0;

    public bool IsNegative => Fen < 0;

    public bool IsPositive => Fen > 0;

    /// <summary>The amount in 元 as an exact decimal with two places.</summary>
    public decimal Yuan => decimal.Divide(Fen, 100m) + 0.00m;

    public static Money FromFen(long fen) => new(fen);

    /// <summary>Exact conversion; more than two decimals is a programmer error here (user input goes through
    /// <see cref="Parse"/>, and computed shares through <see cref="RoundToFen"/>).</summary>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        Preconditions.CheckArgument(fen == decimal.Truncate(fen), nameof(yuan), $"{yuan} has more than two decimals.");
        return new(checked((long)fen));
    }

    /// <summary>Rounds a computed amount in 元 half away from zero (四舍五入) to whole 分.</summary>
    public static Money RoundToFen(decimal yuan) =>
        new(checked((long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero)));

    /// <summary>An amount where blank means zero (a cell, a form's field, an optional option); otherwise as <see cref="Parse"/>.</summary>
    public static Outcome<Money> ParseOrZero(string? text) => string.IsNullOrWhiteSpace(text) ? Outcome<Money>.Success(Zero) : Parse(text);

    /// <summary>
    /// Parses an amount as accountants write it: <c>1234.5</c>, <c>1,234.56</c>, <c>-80</c>, optionally with a
    /// leading ¥. Thousands separators must group by three. More than two decimals, overflow, or anything else is
    /// an error that names the text.
    /// </summary>
    public static Outcome<Money> Parse(string? text)
    {
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 0)
        {
            return new LedgerError("money.empty", "amount is empty");
        }

        var i = 0;
        var negative = false;
        if (s[i] is '-' or '+')
        {
            negative = s[i] == '-';
            i++;
        }

        if (i < s.Length && s[i] is '¥' or '￥')
        {
            i++;
        }

        long integer = 0;
        var digits = 0;
        var digitsSinceComma = -1; // -1: no comma seen yet
        for (; i < s.Length && s[i] != '.'; i++)
        {
            var c = s[i];
            if (c == ',')
            {
                if (digits == 0 || (digitsSinceComma == -1 ? digits > 3 : digitsSinceComma != 3))
                {
                    return Invalid(s, "thousands separators must group digits by three");
                }

                digitsSinceComma = 0;
                continue;
            }

            if (c is < '0' or > '9')
            {
                return Invalid(s, $"'{c}' is not a digit");
            }

            if (integer > (long.MaxValue - 9) / 10)
            {
                return TooLarge(s);
            }

            integer = (integer * 10) + (c - '0');
            digits++;
            if (digitsSinceComma >= 0)
            {
                digitsSinceComma++;
            }
        }

        if (digitsSinceComma is >= 0 and not 3)
        {
            return Invalid(s, "thousands separators must group digits by three");
        }

        long fraction = 0;
        var decimals = 0;
        if (i < s.Length)
        {
            i++; // the '.'
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c is < '0' or > '9')
                {
                    return Invalid(s, $"'{c}' is not a digit");
                }

                decimals++;
                if (decimals > 2)
                {
                    return new LedgerError("money.too_many_decimals",
                        $"amount '{s}' has more than two decimals (the smallest unit is 0.01 元)");
                }

                fraction = (fraction * 10) + (c - '0');
            }

            if (decimals == 0 && digits == 0)
            {
                return Invalid(s, "no digits");
            }
        }

        if (digits == 0 && decimals == 0)
        {
            return Invalid(s, "no digits");
        }

        if (decimals == 1)
        {
            fraction *= 10;
        }

        if (integer > MaxInput.Fen / 100)
        {
            return TooLarge(s);
        }

        var fen = (integer * 100) + fraction;
        if (fen > MaxInput.Fen)
        {
            return TooLarge(s);
        }

        return Outcome<Money>.Success(new Money(negative ? -fen : fen));
    }

    private static LedgerError Invalid(string s, string why) =>
        new("money.invalid", $"'{s}' is not an amount: {why}");

    private static LedgerError TooLarge(string s) =>
        new("money.overflow", $"amount '{s}' is too large (at most {MaxInput} 元)");

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static bool operator ==(Money a, Money b) => a.Fen == b.Fen;

    public static bool operator !=(Money a, Money b) => a.Fen != b.Fen;

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public Money Abs() => new(Math.Abs(Fen));

    public static Money Sum(IEnumerable<Money> amounts)
    {
        long total = 0;
        foreach (var m in amounts)
        {
            total = checked(total + m.Fen);
        }

        return new(total);
    }

    public bool Equals(Money other) => Fen == other.Fen;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => Fen.GetHashCode();

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary><c>1,234.56</c>; negative amounts as <c>-1,234.56</c>.</summary>
    public override string ToString() => Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary><c>1234.56</c>: no separators, for CSV and machine-read output.</summary>
    public string ToPlainString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}
