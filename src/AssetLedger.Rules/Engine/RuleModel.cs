using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Resources;
using AssetLedger.Rules.Alerts;

namespace AssetLedger.Rules.Engine;

/// <summary>A rule of the catalog: a stable id, its Chinese name, its parameters and their defaults.</summary>
public sealed record RuleDefinition(string Id, string Name, string Description, IReadOnlyDictionary<string, decimal> Defaults);

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
    public long CashMoved
    {
        get
        {
            var cash = Lines.Where(l => l.Account.StartsWith("101", StringComparison.Ordinal) || l.Account.StartsWith("102", StringComparison.Ordinal)).ToList();
            return Math.Max(cash.Sum(l => l.Debit), cash.Sum(l => l.Credit));
        }
    }

    /// <summary>Money paid out of cash (101) or bank (102): their credits.</summary>
    public long CashPaid => Lines.Where(l => l.Account.StartsWith("101", StringComparison.Ordinal) || l.Account.StartsWith("102", StringComparison.Ordinal)).Sum(l => l.Credit);

    /// <summary>Who the voucher deals with: the first counterparty named on its lines.</summary>
    public string? Counterparty => Lines.Select(l => l.Counterparty).FirstOrDefault(c => c is not null);
}

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

/// <summary>What the rules may look at for one book in one run: only what is new since the last watermark.</summary>
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
    IReadOnlyList<VoucherFact> EarlierPayments,
    IReadOnlySet<long> ReversedVoucherIds,
    IReadOnlyList<CounterpartyBalance> CounterpartyBalances)
{
    /// <summary>How far back <see cref="EarlierPayments"/> reaches before the earliest new payment.</summary>
    public const int PaymentLookBackDays = 366;
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

/// <summary>How far the rule engine has read one book's streams (vouchers, asset events, resource events).</summary>
public sealed class RuleWatermark
{
    public int BookId { get; init; }

    public long LastVoucherId { get; set; }

    public long LastAssetEventId { get; set; }

    public long LastResourceEventId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
