namespace AssetLedger.Core.Balances;

/// <summary>
/// The figures of one account (or account and counterparty) for a reporting period P, in 分, debit-positive for
/// balances. "Activity" excludes nothing; <c>YearEnd*</c> is the part of it that year-end closing vouchers posted.
/// </summary>
public record struct AccountFigures
{
    /// <summary>Balance at the start of P's year (the opening balances and everything before January).</summary>
    public long OpeningOfYear { get; set; }

    /// <summary>Balance at the start of P.</summary>
    public long OpeningOfPeriod { get; set; }

    public long PeriodDebit { get; set; }
    public long PeriodCredit { get; set; }
    public long PeriodYearEndDebit { get; set; }
    public long PeriodYearEndCredit { get; set; }
    public long YearDebit { get; set; }
    public long YearCredit { get; set; }
    public long YearYearEndDebit { get; set; }
    public long YearYearEndCredit { get; set; }

    public readonly long Closing => OpeningOfPeriod + PeriodDebit - PeriodCredit;

    public readonly bool IsZero => OpeningOfYear == 0 && OpeningOfPeriod == 0 && PeriodDebit == 0 && PeriodCredit == 0
        && YearDebit == 0 && YearCredit == 0;

    public void Add(in AccountFigures o)
    {
        OpeningOfYear += o.OpeningOfYear;
        OpeningOfPeriod += o.OpeningOfPeriod;
        PeriodDebit += o.PeriodDebit;
        PeriodCredit += o.PeriodCredit;
        PeriodYearEndDebit += o.PeriodYearEndDebit;
        PeriodYearEndCredit += o.PeriodYearEndCredit;
        YearDebit += o.YearDebit;
        YearCredit += o.YearCredit;
        YearYearEndDebit += o.YearYearEndDebit;
        YearYearEndCredit += o.YearYearEndCredit;
    }
}
