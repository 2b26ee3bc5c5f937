using AssetLedger.Core.Periods;
using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.CashOverLimit;

/// <summary>Cash (101) at the end of a day that new postings touched.</summary>
public sealed record CashDay(DateOnly Date, long Balance);

/// <summary>
/// Cash (101 and its details) at the end of each day that new postings to it touched: each month's opening from the
/// maintained monthly balances, plus that month's movements day by day up to the day — summed from the new vouchers
/// when they hold the whole book (a full run, or a book's first), else read in one query.
/// </summary>
public sealed class CashDays : FactSource<IReadOnlyList<CashDay>>
{
    public static readonly CashDays Source = new();

    private static bool IsCash(string code) => code.StartsWith("101", StringComparison.Ordinal);

    public override async Task<IReadOnlyList<CashDay>> ReadAsync(FactContext context, CancellationToken ct)
    {
        var facts = context.NewVouchers;
        var days = facts.Where(v => v.Lines.Any(l => IsCash(l.Account))).Select(v => v.Date).Distinct().Order().ToList();
        if (days.Count == 0)
        {
            return [];
        }

        var (ledger, chart) = (context.Services.Ledger, context.Chart);
        var cashIds = chart.Accounts.Where(a => IsCash(a.Code)).Select(a => a.Id).ToList();
        var months = days.Select(d => AccountingPeriod.Of(d).Key).Distinct().ToList();
        var monthly = await ledger.Balances.AsNoTracking().Where(x => x.BookId == chart.BookId && cashIds.Contains(x.AccountId))
            .GroupBy(x => x.Period).Select(g => new { Period = g.Key, Net = g.Sum(x => x.Debit - x.Credit) }).ToListAsync(ct);
        var daily = context.Window is { IsWholeBook: true }
            ? facts.SelectMany(v => v.Lines.Where(l => IsCash(l.Account)).Select(l => (v.Date, Net: l.Debit - l.Credit)))
                .GroupBy(x => x.Date).Select(g => (Date: g.Key, Net: g.Sum(x => x.Net))).ToList()
            : (await (from v in ledger.Vouchers.AsNoTracking()
                      from p in ledger.Postings
                      where v.BookId == chart.BookId && months.Contains(v.Period) && p.Id >= v.FirstPostingId && p.Id < v.FirstPostingId + v.LineCount
                            && cashIds.Contains(p.AccountId)
                      group p by v.Date into day
                      select new { Date = day.Key, Net = day.Sum(p => p.Debit - p.Credit) }).ToListAsync(ct)).Select(d => (d.Date, d.Net)).ToList();

        // Walk the days and the movements together, both in date order, restarting at each month's opening.
        daily.Sort((a, b) => a.Date.CompareTo(b.Date));
        var result = new List<CashDay>(days.Count);
        var (next, month, balance) = (0, (AccountingPeriod?)null, 0L);
        foreach (var day in days)
        {
            if (AccountingPeriod.Of(day) is var m && m != month)
            {
                (month, balance) = (m, monthly.Where(x => x.Period < m.Key).Sum(x => x.Net));
                while (next < daily.Count && daily[next].Date < m.FirstDay)
                {
                    next++;
                }
            }

            for (; next < daily.Count && daily[next].Date <= day; next++)
            {
                balance += daily[next].Net;
            }

            result.Add(new CashDay(day, balance));
        }

        return result;
    }
}
