using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Statements;

/// <summary>What every report states at its top: what it is, for whom, for when, in what unit.</summary>
/// <param name="Books">How many books the figures cover: 1 for a village, the roll-up (汇总) count otherwise.</param>
public sealed record ReportHeader(string Title, string OrgCode, string OrgName, AccountingPeriod Period, int Books)
{
    public const string Unit = "元";

    public bool IsRollUp => Books != 1;
}

/// <summary>One row of the 科目余额表. Balances are debit-positive 分; presentation splits them by sign.</summary>
public sealed record TrialBalanceLine(
    string Code, string Name, int Level, BalanceSide NormalSide,
    Money Opening, Money PeriodDebit, Money PeriodCredit, Money YearDebit, Money YearCredit, Money Closing);

public sealed record TrialBalance(ReportHeader Header, IReadOnlyList<TrialBalanceLine> Lines)
{
    private IEnumerable<TrialBalanceLine> TopLevel => Lines.Where(l => l.Level == 1);

    public Money OpeningDebitTotal => Money.Sum(TopLevel.Select(l => l.Opening.IsPositive ? l.Opening : Money.Zero));

    public Money OpeningCreditTotal => Money.Sum(TopLevel.Select(l => l.Opening.IsNegative ? -l.Opening : Money.Zero));

    public Money PeriodDebitTotal => Money.Sum(TopLevel.Select(l => l.PeriodDebit));

    public Money PeriodCreditTotal => Money.Sum(TopLevel.Select(l => l.PeriodCredit));

    public Money YearDebitTotal => Money.Sum(TopLevel.Select(l => l.YearDebit));

    public Money YearCreditTotal => Money.Sum(TopLevel.Select(l => l.YearCredit));

    public Money ClosingDebitTotal => Money.Sum(TopLevel.Select(l => l.Closing.IsPositive ? l.Closing : Money.Zero));

    public Money ClosingCreditTotal => Money.Sum(TopLevel.Select(l => l.Closing.IsNegative ? -l.Closing : Money.Zero));

    public bool IsBalanced => OpeningDebitTotal == OpeningCreditTotal && PeriodDebitTotal == PeriodCreditTotal
        && YearDebitTotal == YearCreditTotal && ClosingDebitTotal == ClosingCreditTotal;
}

/// <summary>One line of a 资产负债表 or 收益及收益分配表, with one amount per column.</summary>
public sealed record StatementLine(string Id, int? Row, string? Prefix, string Name, bool IsTotal, IReadOnlyList<Money> Values);

public sealed record Statement(ReportHeader Header, IReadOnlyList<string> Columns, IReadOnlyList<StatementLine> Lines)
{
    /// <summary>The line named <paramref name="name"/>, as printed on the statement.</summary>
    public StatementLine this[string name] => Lines.Single(l => l.Name == name);
}

/// <summary>One posting in the 序时账 (journal), in voucher order.</summary>
public sealed record JournalEntry(
    string OrgCode, DateOnly Date, string VoucherNumber, int LineNo, string AccountCode, string AccountName,
    string Summary, string? Counterparty, Money Debit, Money Credit);

public sealed record Journal(ReportHeader Header, IReadOnlyList<JournalEntry> Entries)
{
    public Money DebitTotal => Money.Sum(Entries.Select(e => e.Debit));

    public Money CreditTotal => Money.Sum(Entries.Select(e => e.Credit));
}

/// <summary>One row of an account's 明细账, with the running balance after it (debit-positive).</summary>
public sealed record LedgerRow(DateOnly Date, string VoucherNumber, string Summary, string? Counterparty, Money Debit, Money Credit, Money Balance);

public sealed record LedgerAccount(
    string OrgCode, string Code, string Name, BalanceSide NormalSide, Money Opening, IReadOnlyList<LedgerRow> Rows,
    Money PeriodDebit, Money PeriodCredit, Money YearDebit, Money YearCredit, Money Closing);

public sealed record Ledger(ReportHeader Header, IReadOnlyList<LedgerAccount> Accounts);

/// <summary>A line of the 财务公开表: an amount for the quarter (or the quarter's end) beside the year's (or the year's start).</summary>
public sealed record DisclosureLine(string Name, Money Quarter, Money Year);

/// <summary>A 大额收支 the 财务公开表 lists one by one: a voucher moving cash or bank at or above the threshold in the quarter.</summary>
public sealed record DisclosureVoucher(string OrgCode, DateOnly Date, string VoucherNumber, string Summary, Money Amount);

/// <summary>
/// 村级财务公开表 for a quarter: 收支 (the income statement's lines through 本年收益, the quarter beside the year to
/// date), 资产负债 (the balance sheet's main lines, the year's start beside the quarter's end) and 大额收支 (each
/// voucher moving cash or bank at or above <see cref="LargeThreshold"/>).
/// </summary>
public sealed record Disclosure(
    ReportHeader Header, IReadOnlyList<DisclosureLine> Results, IReadOnlyList<DisclosureLine> Position, IReadOnlyList<DisclosureVoucher> LargeItems, Money LargeThreshold)
{
    /// <summary>The first tier of LARGE_TXN's defaults (domain §3): what counts as 大额 for the disclosure.</summary>
    public static readonly Money DefaultLargeThreshold = Money.FromYuan(5_000m);

    public static readonly IReadOnlyList<string> PositionLines = ["货币资金", "应收款项", "存货", "固定资产净值", "资产总计", "应付款项", "负债合计", "所有者权益合计"];
}
