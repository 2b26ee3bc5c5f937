using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.StaleBalance;

/// <summary>
/// A receivable or payable (112/113/211 and their details) with one counterparty: its balance (debit positive) and
/// the last month it moved; month 0 of a year is its opening balances.
/// </summary>
public sealed record CounterpartyBalance(string AccountCode, string AccountName, string Counterparty, long Balance, int LastPeriodKey)
{
    /// <summary>The last month the balance moved, as (year, month); opening balances count as December before.</summary>
    public (int Year, int Month) LastMoved => LastPeriodKey % 100 == 0 ? ((LastPeriodKey / 100) - 1, 12) : (LastPeriodKey / 100, LastPeriodKey % 100);
}

/// <summary>Every open 112/113/211 balance with a counterparty, and the last month it moved, from the maintained balances.</summary>
public sealed class CounterpartyBalances : FactSource<IReadOnlyList<CounterpartyBalance>>
{
    public static readonly CounterpartyBalances Source = new();

    private static bool IsCurrentAccount(string code) =>
        code.StartsWith("112", StringComparison.Ordinal) || code.StartsWith("113", StringComparison.Ordinal) || code.StartsWith("211", StringComparison.Ordinal);

    public override async Task<IReadOnlyList<CounterpartyBalance>> ReadAsync(FactContext context, CancellationToken ct)
    {
        var chart = context.Chart;
        var ids = chart.Accounts.Where(a => IsCurrentAccount(a.Code)).Select(a => a.Id).ToList();
        var rows = await context.Services.Ledger.Balances.AsNoTracking()
            .Where(x => x.BookId == chart.BookId && ids.Contains(x.AccountId) && x.CounterpartyKey != 0)
            .GroupBy(x => new { x.AccountId, x.CounterpartyKey })
            .Select(g => new { g.Key.AccountId, g.Key.CounterpartyKey, Net = g.Sum(x => x.Debit - x.Credit), Last = g.Max(x => x.Period) })
            .ToListAsync(ct);
        return rows.Where(r => r.Net != 0)
            .Select(r => new CounterpartyBalance(chart[r.AccountId].Code, chart.FullName(chart[r.AccountId]), context.Counterparties[r.CounterpartyKey], r.Net, r.Last))
            .OrderBy(b => b.AccountCode, StringComparer.Ordinal).ThenBy(b => b.Counterparty, StringComparer.Ordinal).ToList();
    }
}
