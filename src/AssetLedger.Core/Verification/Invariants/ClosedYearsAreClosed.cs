using AssetLedger.Core.Accounts;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>A closed year leaves income, expense, 321 本年收益 and 各项分配 at zero.</summary>
public sealed class ClosedYearsAreClosed : ILedgerInvariant
{
    public async Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct)
    {
        var scan = context.Scan;
        var ids = scan.Scope.Select(b => b.Book.Id).ToList();
        var closed = (await context.Db.PeriodStates.AsNoTracking().Where(p => ids.Contains(p.BookId) && p.IsClosed)
            .Select(p => new { p.BookId, p.Period }).ToListAsync(ct)).ToHashSet();
        var findings = new List<LedgerError>();
        foreach (var (book, period) in scan.Vouchers.Where(v => v.YearEnd).Select(v => (v.Book, v.Period)).Distinct())
        {
            if (!closed.Contains(new { BookId = book, Period = period }))
            {
                continue;
            }

            var rows = scan.Recomputed.Where(kv => kv.Key.Book == book).Select(kv => new AccountBalance
            {
                BookId = kv.Key.Book, AccountId = kv.Key.Account, CounterpartyKey = kv.Key.Counterparty, Period = kv.Key.Period,
                Debit = kv.Value.Debit, Credit = kv.Value.Credit,
            });
            var snapshot = BalanceSnapshot.FromRows(scan.Charts[book], AccountingPeriod.FromKey(period), rows);
            foreach (var (account, _, f) in snapshot.Entries)
            {
                if (f.Closing != 0 && (account.Has(AccountFlags.ClosesTo321) || account.Code == YearEndClose.ProfitAccount
                    || account.Code.StartsWith(YearEndClose.DistributionsAccount, StringComparison.Ordinal)))
                {
                    findings.Add(new LedgerError("verify.closed_year_not_zero",
                        $"{scan.Names[book]} {AccountingPeriod.FromKey(period).Year}: the year is closed but {account.Code} {account.Name} holds {Money.FromFen(f.Closing)}"));
                }
            }
        }

        return findings;
    }
}
