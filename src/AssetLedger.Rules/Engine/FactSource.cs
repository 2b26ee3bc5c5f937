using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Persistence;

namespace AssetLedger.Rules.Engine;

/// <summary>A kind of fact rules may declare: read by the engine once per book and run, for every rule that declared it.</summary>
public interface IFactSource
{
    /// <summary>Its name in messages and docs.</summary>
    string Name { get; }

    Task<object> ReadAsync(FactContext context, CancellationToken ct);
}

/// <summary>
/// Facts of one kind that a rule needs beyond the new vouchers (a day's cash, the contracts' schedules, the open
/// balances by counterparty…): how they are read lives beside the rule that needs them, the reading is the engine's.
/// A source is a singleton without state of its own (<c>public static readonly … Source = new()</c>).
/// </summary>
public abstract class FactSource<T> : IFactSource where T : class
{
    public virtual string Name => GetType().Name;

    /// <summary>The facts for the book in <paramref name="context"/>.</summary>
    public abstract Task<T> ReadAsync(FactContext context, CancellationToken ct);

    async Task<object> IFactSource.ReadAsync(FactContext context, CancellationToken ct) => await ReadAsync(context, ct);
}

/// <summary>The stores the fact sources read.</summary>
public sealed record FactServices(LedgerDbContext Ledger, RulesDbContext Rules, BookDirectory Books, ContractRegister Contracts, DepreciationRuns Depreciation, Budgets.BudgetService Budgets);

/// <summary>
/// What a fact source is given for one book: the book, its chart and counterparties, which entries are new
/// (<see cref="Window"/>: past the watermarks in a run, a dated range in a backtest; null when the book has none),
/// the day, the new vouchers already read, and the parameters in force for each rule.
/// </summary>
public sealed record FactContext(
    BookRef Book,
    BookChart Chart,
    IReadOnlyDictionary<int, string> Counterparties,
    FactWindow? Window,
    DateOnly AsOf,
    IReadOnlyList<VoucherFact> NewVouchers,
    IReadOnlyDictionary<string, RuleParameters> Parameters,
    FactServices Services)
{
    public int BookId => Book.Book.Id;

    /// <summary>Posted vouchers of the book as rules see them (accounts by code, counterparties by name).</summary>
    public async Task<List<VoucherFact>> ReadVouchersAsync(VoucherRange range, CancellationToken ct) =>
        VoucherFacts.Of(Chart, Counterparties, await Services.Ledger.ReadPostedAsync(range with { BookId = BookId }, ct));
}

/// <summary>Which entries a run reads: past the watermarks up to the heads (a run), or what is dated in a range (a backtest).</summary>
public sealed record FactWindow(VoucherRange Vouchers, long AfterAssetEvent, long ThroughAssetEvent, long AfterResourceEvent, long ThroughResourceEvent)
{
    public bool IsDateRange => Vouchers.From != DateOnly.MinValue || Vouchers.To != DateOnly.MaxValue;

    /// <summary>Whether the window holds the book's whole history (a full run, or the book's first).</summary>
    public bool IsWholeBook => !IsDateRange && Vouchers.AfterId == 0;

    public static FactWindow After(RuleWatermark? mark, StreamHeads heads) =>
        new(new VoucherRange(0, mark?.LastVoucherId ?? 0, heads.Voucher), mark?.LastAssetEventId ?? 0, heads.AssetEvent, mark?.LastResourceEventId ?? 0, heads.ResourceEvent);

    public static FactWindow Between(DateOnly from, DateOnly to) =>
        new(new VoucherRange(0) { From = from, To = to }, 0, long.MaxValue, 0, long.MaxValue);
}

/// <summary>The highest voucher, asset-event and resource-event ids in the ledger.</summary>
public sealed record StreamHeads(long Voucher, long AssetEvent, long ResourceEvent);
