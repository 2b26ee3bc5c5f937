using AssetLedger.Core.Accounts;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Balances;

/// <summary>
/// One book's account figures for a period, computed from the maintained balances (one row per account,
/// counterparty and month): O(accounts × months) rows, whatever the number of postings.
/// </summary>
public sealed class BalanceSnapshot
{
    private readonly Dictionary<(int Account, int Counterparty), AccountFigures> figures;
    private readonly Dictionary<int, AccountFigures> byAccount = [];

    private BalanceSnapshot(BookChart chart, AccountingPeriod period, Dictionary<(int, int), AccountFigures> figures)
    {
        Chart = chart;
        Period = period;
        this.figures = figures;
        foreach (var ((account, _), f) in figures)
        {
            ref var total = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byAccount, account, out _);
            total.Add(f);
        }
    }

    public BookChart Chart { get; }

    public AccountingPeriod Period { get; }

    public static async Task<BalanceSnapshot> LoadAsync(LedgerDbContext db, BookChart chart, AccountingPeriod period, CancellationToken ct)
    {
        var rows = await db.Balances.AsNoTracking()
            .Where(b => b.BookId == chart.BookId && b.Period <= period.Key)
            .ToListAsync(ct);
        return FromRows(chart, period, rows);
    }

    public static BalanceSnapshot FromRows(BookChart chart, AccountingPeriod period, IEnumerable<AccountBalance> rows)
    {
        var yearStart = AccountingPeriod.Of(period.Year, 1).Key;
        var result = new Dictionary<(int, int), AccountFigures>();
        foreach (var r in rows)
        {
            if (r.Period > period.Key)
            {
                continue;
            }

            ref var f = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                result, (r.AccountId, r.CounterpartyKey), out _);
            var net = r.Debit - r.Credit;
            if (r.Period < yearStart)
            {
                f.OpeningOfYear += net;
            }
            else
            {
                f.YearDebit += r.Debit;
                f.YearCredit += r.Credit;
                f.YearYearEndDebit += r.YearEndDebit;
                f.YearYearEndCredit += r.YearEndCredit;
            }

            if (r.Period < period.Key)
            {
                f.OpeningOfPeriod += net;
            }
            else
            {
                f.PeriodDebit += r.Debit;
                f.PeriodCredit += r.Credit;
                f.PeriodYearEndDebit += r.YearEndDebit;
                f.PeriodYearEndCredit += r.YearEndCredit;
            }
        }

        return new BalanceSnapshot(chart, period, result);
    }

    /// <summary>The figures of an account and every detail account under it, all counterparties.</summary>
    public AccountFigures Of(Account account)
    {
        var total = default(AccountFigures);
        foreach (var (accountId, f) in byAccount)
        {
            if (IsUnder(Chart[accountId], account))
            {
                total.Add(f);
            }
        }

        return total;
    }

    /// <summary>Per leaf account and counterparty, for an account and its details: what 113 is split by.</summary>
    public IEnumerable<AccountFigures> DetailsOf(Account account) =>
        figures.Where(kv => IsUnder(Chart[kv.Key.Account], account)).Select(kv => kv.Value);

    /// <summary>Leaf accounts (with counterparty) that have any figure, for closing and ledgers.</summary>
    public IEnumerable<(Account Account, int CounterpartyKey, AccountFigures Figures)> Entries =>
        figures.Select(kv => (Chart[kv.Key.Account], kv.Key.Counterparty, kv.Value));

    private static bool IsUnder(Account candidate, Account ancestor) =>
        candidate.Code.StartsWith(ancestor.Code, StringComparison.Ordinal) && candidate.BookId == ancestor.BookId;
}
