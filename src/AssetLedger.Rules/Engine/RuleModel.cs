using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Resources;
using AssetLedger.Rules.Alerts;

namespace AssetLedger.Rules.Engine;

/// <summary>
/// A rule of the catalog: a stable id, its Chinese name, its parameters and their defaults, and what makes it look
/// again — new entries (every rule evaluation) or the calendar (the daily checks).
/// </summary>
public sealed record RuleDefinition(string Id, string Name, string Description, IReadOnlyDictionary<string, decimal> Defaults, RuleTrigger Trigger = RuleTrigger.NewEntries);

/// <summary>What a rule looks at, and so which evaluation runs it.</summary>
public enum RuleTrigger
{
    /// <summary>Vouchers and register events posted since the last run: the frequent evaluation (every 15 minutes).</summary>
    NewEntries = 1,

    /// <summary>The state of the books on a day (contracts falling due, arrears, idle balances): the daily checks.</summary>
    Calendar = 2,
}

/// <summary>Which rules one run evaluates.</summary>
[Flags]
public enum Evaluation
{
    /// <summary>Rules triggered by new entries, over what is past the watermarks.</summary>
    NewEntries = 1,

    /// <summary>Rules triggered by the calendar, as of the run's day.</summary>
    Calendar = 2,

    All = NewEntries | Calendar,
}

/// <summary>A rule's parameters as in force for one book: defaults, then county, township and village settings.</summary>
public sealed record RuleParameters(IReadOnlyDictionary<string, decimal> Values)
{
    public decimal this[string name] => Values[name];

    /// <summary>A parameter given in 元, in 分.</summary>
    public long Fen(string name) => (long)(Values[name] * 100m);
}

/// <summary>One line of a voucher, as rules see it.</summary>
public sealed record LineFact(string Account, string? Counterparty, long Debit, long Credit, string Summary);

/// <summary>A voucher posted since the rule engine last looked.</summary>
public sealed record VoucherFact(long Id, string Number, DateOnly Date, string? Resolution, long? Reverses, IReadOnlyList<LineFact> Lines)
{
    /// <summary>Money moved through cash (101) or bank (102), counted once: the larger of what came in and what went out.</summary>
    public long CashMoved { get; } = Math.Max(Lines.Where(IsCashOrBank).Sum(l => l.Debit), Lines.Where(IsCashOrBank).Sum(l => l.Credit));

    /// <summary>Money paid out of cash (101) or bank (102): their credits.</summary>
    public long CashPaid { get; } = Lines.Where(IsCashOrBank).Sum(l => l.Credit);

    /// <summary>Who the voucher deals with: the first counterparty named on its lines.</summary>
    public string? Counterparty { get; } = Lines.Select(l => l.Counterparty).FirstOrDefault(c => c is not null);

    private static bool IsCashOrBank(LineFact line) =>
        line.Account.StartsWith("101", StringComparison.Ordinal) || line.Account.StartsWith("102", StringComparison.Ordinal);
}

/// <summary>
/// A payment out of cash or bank to a counterparty (SPLIT_PAYMENT's unit): the voucher, its day and the amount paid.
/// The engine keeps the payments it has read in an index by book, counterparty and date, so that looking back
/// costs what the new payments need, not what the ledger holds.
/// </summary>
public sealed record PaymentFact(long VoucherId, string Number, DateOnly Date, string Counterparty, long Amount)
{
    /// <summary>The voucher as a payment, when it pays money out to a named counterparty and is not itself a reversal.</summary>
    public static PaymentFact? Of(VoucherFact v) =>
        v.Reverses is null && v.Counterparty is { } c && v.CashPaid is > 0 and var paid ? new PaymentFact(v.Id, v.Number, v.Date, c, paid) : null;
}

/// <summary>
/// Cash (101) from the first day of the month before the run's day to that day: the balance it opened with, and each
/// voucher's net movement, in date and voucher order (for CASH_RECEIPT_LATE). Reversed vouchers and their reversals
/// within the stretch are left out.
/// </summary>
public sealed record CashBook(DateOnly From, long Opening, IReadOnlyList<CashMovement> Movements);

/// <summary>
/// One voucher's net movement of cash: in or out. A receipt is cash that came in from anywhere but the bank (money
/// drawn from the bank is not a receipt to deposit).
/// </summary>
public sealed record CashMovement(long VoucherId, string Number, DateOnly Date, long In, long Out, bool IsReceipt);

/// <summary>Cash (101) at the end of a day that new postings touched.</summary>
public sealed record CashDay(DateOnly Date, long Balance);

/// <summary>
/// A receivable or payable (112/113/211 and their details) with one counterparty: its balance (debit positive) and
/// the last month it moved; month 0 of a year is its opening balances.
/// </summary>
public sealed record CounterpartyBalance(string AccountCode, string AccountName, string Counterparty, long Balance, int LastPeriodKey)
{
    /// <summary>The last month the balance moved, as (year, month); opening balances count as December before.</summary>
    public (int Year, int Month) LastMoved => LastPeriodKey % 100 == 0 ? ((LastPeriodKey / 100) - 1, 12) : (LastPeriodKey / 100, LastPeriodKey % 100);
}

/// <summary>
/// What the rules may look at for one book in one run: what is new since the last watermark (new-entry rules), or
/// the state of the book on <see cref="AsOf"/> (calendar rules); the part a run does not evaluate is empty.
/// </summary>
public sealed record RuleFacts(
    int BookId,
    string OrgCode,
    DateOnly AsOf,
    IReadOnlyList<VoucherFact> NewVouchers,
    IReadOnlyList<AssetEvent> NewAssetEvents,
    IReadOnlyDictionary<long, FixedAsset> Assets,
    IReadOnlyList<CashDay> CashDays,
    long? OneMatterBalance,
    IReadOnlyList<ResourceEvent> NewResourceEvents,
    IReadOnlyDictionary<long, Resource> Resources,
    IReadOnlyList<ContractSchedule> Contracts,
    IReadOnlyList<Budgets.BudgetExecution> Budgets,
    Core.Periods.AccountingPeriod? BudgetPeriod,
    IReadOnlyList<PaymentFact> EarlierPayments,
    IReadOnlySet<long> ReversedVoucherIds,
    IReadOnlyList<CounterpartyBalance> CounterpartyBalances,
    DepreciationProposal? Depreciation,
    CashBook? Cash)
{
    /// <summary>The longest look-back SPLIT_PAYMENT accepts: <see cref="EarlierPayments"/> reach back as far as its <c>days</c>.</summary>
    public const int PaymentLookBackDays = 366;

    /// <summary>The new payments: <see cref="NewVouchers"/> that pay money out to a counterparty.</summary>
    public IEnumerable<PaymentFact> NewPayments => NewVouchers.Select(PaymentFact.Of).OfType<PaymentFact>();
}

/// <summary>What a rule found, as data: the engine stores it as an alert unless the same fact already raised one.</summary>
public sealed record Finding(string RuleId, Severity Severity, string SubjectKey, string Window, long Amount, DateOnly OccurredOn, object Evidence, string Explanation);

/// <summary>What a backtest found in one book: an alert it would have raised.</summary>
public sealed record BacktestFinding(string OrgCode, Finding Finding);

/// <summary>A small pure evaluator: facts and parameters in, findings out.</summary>
public interface IRule
{
    RuleDefinition Definition { get; }

    IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters);
}

/// <summary>
/// How far the rule engine has read one book's streams (vouchers, asset events, resource events): ids are global,
/// so a run that finds nothing new in a book still moves its marks to the highest ids it saw.
/// </summary>
public sealed class RuleWatermark
{
    public int BookId { get; init; }

    public long LastVoucherId { get; set; }

    public long LastAssetEventId { get; set; }

    public long LastResourceEventId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
