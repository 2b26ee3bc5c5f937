using System.Globalization;
using AssetLedger.Core.Common;

namespace AssetLedger.Core.Periods;

/// <summary>
/// An accounting month (会计期间), like NodaTime's YearMonth. Month 0 is the opening-balance slot of a year
/// (期初), which sorts before January so that "everything up to a period" includes it.
/// Stored as the integer <c>yyyymm</c> (<see cref="Key"/>).
/// </summary>
public readonly struct AccountingPeriod : IEquatable<AccountingPeriod>, IComparable<AccountingPeriod>
{
    public const int MinYear = 1949;
    public const int MaxYear = 9999;

    /// <summary>Why <paramref name="year"/> cannot be a fiscal year, or null when it can.</summary>
    public static LedgerError? CheckYear(int year) =>
        year is < MinYear or > MaxYear ? new LedgerError("year.invalid", $"{year} is not a year") : null;

    private AccountingPeriod(int year, int month)
    {
        Year = year;
        Month = month;
    }

    public int Year { get; }

    /// <summary>1–12, or 0 for the opening-balance slot.</summary>
    public int Month { get; }

    public bool IsOpening => Month == 0;

    /// <summary><c>yyyymm</c>: 202403 for March 2024, 202400 for the 2024 opening balances.</summary>
    public int Key => (Year * 100) + Month;

    public DateOnly FirstDay => new(Year, Math.Max(Month, 1), 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static AccountingPeriod Of(int year, int month)
    {
        Preconditions.CheckArgumentRange(nameof(year), year, MinYear, MaxYear);
        Preconditions.CheckArgumentRange(nameof(month), month, 1, 12);
        return new(year, month);
    }

    public static AccountingPeriod Of(DateOnly date) => new(date.Year, date.Month);

    public static AccountingPeriod OpeningOf(int year)
    {
        Preconditions.CheckArgumentRange(nameof(year), year, MinYear, MaxYear);
        return new(year, 0);
    }

    public static AccountingPeriod FromKey(int key) => new(key / 100, key % 100);

    /// <summary>Parses <c>YYYY-MM</c>.</summary>
    public static Outcome<AccountingPeriod> Parse(string? text)
    {
        var s = (text ?? string.Empty).Trim();
        if (s.Length == 7 && s[4] == '-'
            && int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && year is >= MinYear and <= MaxYear && month is >= 1 and <= 12)
        {
            return Outcome<AccountingPeriod>.Success(new(year, month));
        }

        return new LedgerError("period.invalid", $"'{s}' is not a period: write it as YYYY-MM, for example 2024-03");
    }

    public AccountingPeriod Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    /// <summary>The month before; January's previous is December of the year before (not the opening slot).</summary>
    public AccountingPeriod Previous() => Month <= 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public bool Contains(DateOnly date) => !IsOpening && date.Year == Year && date.Month == Month;

    public bool Equals(AccountingPeriod other) => Key == other.Key;

    public override bool Equals(object? obj) => obj is AccountingPeriod other && Equals(other);

    public override int GetHashCode() => Key;

    public int CompareTo(AccountingPeriod other) => Key.CompareTo(other.Key);

    public static bool operator ==(AccountingPeriod a, AccountingPeriod b) => a.Key == b.Key;

    public static bool operator !=(AccountingPeriod a, AccountingPeriod b) => a.Key != b.Key;

    public static bool operator <(AccountingPeriod a, AccountingPeriod b) => a.Key < b.Key;

    public static bool operator >(AccountingPeriod a, AccountingPeriod b) => a.Key > b.Key;

    public static bool operator <=(AccountingPeriod a, AccountingPeriod b) => a.Key <= b.Key;

    public static bool operator >=(AccountingPeriod a, AccountingPeriod b) => a.Key >= b.Key;

    public override string ToString() => IsOpening
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-期初")
        : string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");
}
