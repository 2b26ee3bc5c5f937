using AssetLedger.Core.Accounts;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Statements;

/// <summary>
/// The one source of every figure the command line, web and Excel show. For a village or group the figures of
/// its book; for a township or county the roll-up (汇总) of every book under it, at the level of the standard
/// accounts (detail accounts differ from book to book).
/// </summary>
public sealed class StatementService(LedgerDbContext db, BookDirectory books)
{
    public async Task<Outcome<TrialBalance>> TrialBalanceAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default)
    {
        var scope = await LoadAsync(orgCode, period, ct);
        if (!scope.Succeeded)
        {
            return Outcome<TrialBalance>.Failure(scope.Errors);
        }

        var (header, snapshots) = scope.Value;
        var rollUp = header.IsRollUp || snapshots.Count != 1;
        var merged = new Dictionary<string, TrialBalanceLine>(StringComparer.Ordinal);
        foreach (var s in snapshots)
        {
            foreach (var line in StatementCalculator.TrialBalanceLines(s, standardOnly: rollUp))
            {
                merged[line.Code] = merged.TryGetValue(line.Code, out var m)
                    ? m with
                    {
                        Opening = m.Opening + line.Opening,
                        PeriodDebit = m.PeriodDebit + line.PeriodDebit,
                        PeriodCredit = m.PeriodCredit + line.PeriodCredit,
                        YearDebit = m.YearDebit + line.YearDebit,
                        YearCredit = m.YearCredit + line.YearCredit,
                        Closing = m.Closing + line.Closing,
                    }
                    : line;
            }
        }

        var lines = merged.Values.OrderBy(l => l.Code, StringComparer.Ordinal).ToList();
        return Outcome<TrialBalance>.Success(new TrialBalance(header with { Title = "科目余额表" }, lines));
    }

    public Task<Outcome<Statement>> BalanceSheetAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default) =>
        StatementAsync(StatementDefinition.BalanceSheet, orgCode, period, ct);

    public Task<Outcome<Statement>> IncomeStatementAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default) =>
        StatementAsync(StatementDefinition.IncomeStatement, orgCode, period, ct);

    private async Task<Outcome<Statement>> StatementAsync(StatementDefinition definition, string orgCode, AccountingPeriod period, CancellationToken ct)
    {
        var scope = await LoadAsync(orgCode, period, ct);
        if (!scope.Succeeded)
        {
            return Outcome<Statement>.Failure(scope.Errors);
        }

        var (header, snapshots) = scope.Value;
        IReadOnlyList<StatementLine>? total = null;
        foreach (var s in snapshots)
        {
            var lines = StatementCalculator.Evaluate(definition, s);
            total = total is null
                ? lines
                : total.Zip(lines, (a, b) => a with { Values = a.Values.Zip(b.Values, (x, y) => x + y).ToArray() }).ToList();
        }

        total ??= StatementCalculator.Evaluate(definition,
            BalanceSnapshot.FromRows(new BookChart(0, []), period, []));
        return Outcome<Statement>.Success(new Statement(header with { Title = definition.Title }, definition.Columns, total));
    }

    /// <summary>序时账: every posting of the period in voucher order.</summary>
    public async Task<Outcome<Journal>> JournalAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(orgCode, period, ct);
        if (!scope.Succeeded)
        {
            return Outcome<Journal>.Failure(scope.Errors);
        }

        var (header, refs) = scope.Value;
        var entries = new List<JournalEntry>();
        foreach (var r in refs)
        {
            var chart = await books.LoadChartAsync(r.Book.Id, ct);
            var rows = await PostingRows(r.Book.Id, period, accountIds: null).ToListAsync(ct);
            entries.AddRange(rows.Select(p =>
            {
                var account = chart[p.AccountId];
                return new JournalEntry(r.Organization.Code, p.Date, VoucherNumber.Format(p.Number), p.LineNo,
                    account.Code, chart.FullName(account), p.Summary, p.Counterparty, Money.FromFen(p.Debit), Money.FromFen(p.Credit));
            }));
        }

        return Outcome<Journal>.Success(new Journal(header with { Title = "序时账" }, entries));
    }

    /// <summary>
    /// 财务公开表 for the quarter ending with <paramref name="quarterEnd"/>, from the same computations as the
    /// statements and the journal: quarter figures are the year to date at the quarter's end less the year to date at
    /// the end of the quarter before.
    /// </summary>
    public async Task<Outcome<Disclosure>> DisclosureAsync(string orgCode, AccountingPeriod quarterEnd, CancellationToken ct = default)
    {
        if (quarterEnd.Month % 3 != 0)
        {
            return new LedgerError("disclosure.not_quarter_end",
                $"a disclosure covers a quarter: give its last month ({quarterEnd.Year}-03, -06, -09 or -12), not {quarterEnd}");
        }

        var income = await IncomeStatementAsync(orgCode, quarterEnd, ct);
        var balance = await BalanceSheetAsync(orgCode, quarterEnd, ct);
        if (!income.Succeeded || !balance.Succeeded)
        {
            return Outcome<Disclosure>.Failure([.. income.Errors, .. balance.Errors]);
        }

        var before = quarterEnd.Month == 3 ? null : (await IncomeStatementAsync(orgCode, AccountingPeriod.Of(quarterEnd.Year, quarterEnd.Month - 3), ct)).Value;
        var results = new List<DisclosureLine>();
        foreach (var line in income.Value.Lines)
        {
            var year = line.Values[^1];
            var earlier = before?[line.Name].Values[^1] ?? Money.Zero;
            results.Add(new DisclosureLine((line.Prefix ?? string.Empty) + line.Name, year - earlier, year));
            if (line.Name == "本年收益")
            {
                break;
            }
        }

        var position = Disclosure.PositionLines.Select(name => balance.Value[name]).Select(l => new DisclosureLine(l.Name, l.Values[^1], l.Values[0])).ToList();
        var large = new List<DisclosureVoucher>();
        for (var month = AccountingPeriod.Of(quarterEnd.Year, quarterEnd.Month - 2); month.Key <= quarterEnd.Key; month = month.Next())
        {
            var journal = await JournalAsync(orgCode, month, ct);
            foreach (var voucher in journal.Value.Entries.GroupBy(e => (e.OrgCode, e.VoucherNumber)))
            {
                var cash = voucher.Where(e => e.AccountCode.StartsWith("101", StringComparison.Ordinal) || e.AccountCode.StartsWith("102", StringComparison.Ordinal)).ToList();
                var moved = Money.Sum(cash.Select(e => e.Debit)) > Money.Sum(cash.Select(e => e.Credit)) ? Money.Sum(cash.Select(e => e.Debit)) : Money.Sum(cash.Select(e => e.Credit));
                if (moved >= Disclosure.DefaultLargeThreshold)
                {
                    var first = voucher.First();
                    large.Add(new DisclosureVoucher(first.OrgCode, first.Date, $"{month}/{first.VoucherNumber}", first.Summary, moved));
                }
            }
        }

        var header = income.Value.Header with { Title = "村级财务公开表", Period = quarterEnd };
        return Outcome<Disclosure>.Success(new Disclosure(header, results, position, large, Disclosure.DefaultLargeThreshold));
    }

    /// <summary>
    /// 明细账: for one account (and its details) or for every leaf account with a figure, the opening balance,
    /// each posting of the period with the running balance, the month's and the year's totals.
    /// </summary>
    public async Task<Outcome<Ledger>> LedgerAsync(string orgCode, AccountingPeriod period, string? accountCode = null, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(orgCode, period, ct);
        if (!scope.Succeeded)
        {
            return Outcome<Ledger>.Failure(scope.Errors);
        }

        var (header, refs) = scope.Value;
        var result = new List<LedgerAccount>();
        foreach (var r in refs)
        {
            var chart = await books.LoadChartAsync(r.Book.Id, ct);
            var snapshot = await BalanceSnapshot.LoadAsync(db, chart, period, ct);
            List<Account> accounts;
            if (accountCode is not null)
            {
                var selected = chart.Find(accountCode);
                if (selected is null)
                {
                    if (refs.Count == 1)
                    {
                        return new LedgerError("account.unknown", $"account '{accountCode}' is not in the chart of {r.Organization.Code}");
                    }

                    continue;
                }

                accounts = [selected];
            }
            else
            {
                accounts = chart.Accounts.Where(a => chart.IsLeaf(a) && !snapshot.Of(a).IsZero).ToList();
            }

            foreach (var account in accounts)
            {
                var ids = chart.Accounts.Where(a => a.Code.StartsWith(account.Code, StringComparison.Ordinal)).Select(a => a.Id).ToList();
                var rows = await PostingRows(r.Book.Id, period, ids).ToListAsync(ct);
                var f = snapshot.Of(account);
                var running = f.OpeningOfPeriod;
                var ledgerRows = new List<LedgerRow>(rows.Count);
                foreach (var p in rows)
                {
                    running += p.Debit - p.Credit;
                    ledgerRows.Add(new LedgerRow(p.Date, VoucherNumber.Format(p.Number), p.Summary, p.Counterparty,
                        Money.FromFen(p.Debit), Money.FromFen(p.Credit), Money.FromFen(running)));
                }

                result.Add(new LedgerAccount(r.Organization.Code, account.Code, chart.FullName(account), account.NormalSide,
                    Money.FromFen(f.OpeningOfPeriod), ledgerRows, Money.FromFen(f.PeriodDebit), Money.FromFen(f.PeriodCredit),
                    Money.FromFen(f.YearDebit), Money.FromFen(f.YearCredit), Money.FromFen(f.Closing)));
            }
        }

        return Outcome<Ledger>.Success(new Ledger(header with { Title = "明细账" }, result));
    }

    private sealed record PostingRow(DateOnly Date, int Number, int LineNo, int AccountId, string Summary, string? Counterparty, long Debit, long Credit);

    /// <summary>The postings of a book's month, in voucher order: each voucher's range of the posting log.</summary>
    private IQueryable<PostingRow> PostingRows(int bookId, AccountingPeriod period, List<int>? accountIds)
    {
        var rows = from v in db.Vouchers.AsNoTracking()
                   from p in db.Postings
                   where v.BookId == bookId && v.Period == period.Key && p.Id >= v.FirstPostingId && p.Id < v.FirstPostingId + v.LineCount
                   select new { v, p };
        if (accountIds is not null)
        {
            rows = rows.Where(x => accountIds.Contains(x.p.AccountId));
        }

        return from x in rows
               join c in db.Counterparties on x.p.CounterpartyId equals c.Id into cs
               from c in cs.DefaultIfEmpty()
               orderby x.v.Date, x.v.Number, x.p.LineNo
               select new PostingRow(x.v.Date, x.v.Number, x.p.LineNo, x.p.AccountId, x.p.Summary, c == null ? null : c.Name, x.p.Debit, x.p.Credit);
    }

    private async Task<Outcome<(ReportHeader Header, IReadOnlyList<BookRef> Books)>> ScopeAsync(
        string orgCode, AccountingPeriod period, CancellationToken ct)
    {
        var org = await books.FindOrganizationAsync(orgCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<(ReportHeader, IReadOnlyList<BookRef>)>.Failure(org.Errors);
        }

        var refs = await books.FindBooksUnderAsync(orgCode, ct);
        if (!refs.Succeeded)
        {
            return Outcome<(ReportHeader, IReadOnlyList<BookRef>)>.Failure(refs.Errors);
        }

        var header = new ReportHeader(string.Empty, org.Value.Code, org.Value.Name, period, refs.Value.Count);
        return Outcome<(ReportHeader, IReadOnlyList<BookRef>)>.Success((header, refs.Value));
    }

    private async Task<Outcome<(ReportHeader Header, IReadOnlyList<BalanceSnapshot> Snapshots)>> LoadAsync(
        string orgCode, AccountingPeriod period, CancellationToken ct)
    {
        var scope = await ScopeAsync(orgCode, period, ct);
        if (!scope.Succeeded)
        {
            return Outcome<(ReportHeader, IReadOnlyList<BalanceSnapshot>)>.Failure(scope.Errors);
        }

        var snapshots = new List<BalanceSnapshot>();
        foreach (var r in scope.Value.Books)
        {
            var chart = await books.LoadChartAsync(r.Book.Id, ct);
            snapshots.Add(await BalanceSnapshot.LoadAsync(db, chart, period, ct));
        }

        return Outcome<(ReportHeader, IReadOnlyList<BalanceSnapshot>)>.Success((scope.Value.Header, snapshots));
    }
}
