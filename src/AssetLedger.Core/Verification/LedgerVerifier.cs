using System.Data.Common;
using System.Globalization;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification;

/// <summary>What <c>verify</c> looked at and what it found; it passes when <see cref="Findings"/> is empty.</summary>
public sealed record VerificationReport(int Books, long Postings, long Vouchers, IReadOnlyList<LedgerError> Findings, bool BalancesRebuilt)
{
    public bool Passed => Findings.Count == 0;
}

/// <summary>
/// Recomputes everything that is derived and checks every invariant of the books: each voucher balances and has
/// two lines or more; numbers run 1…n without gaps per book and month; the maintained balances equal the ones
/// recomputed from the postings and opening balances; each book and month balances; postings sit on leaf accounts
/// and carry counterparties where required; reversals mirror what they reverse; a closed year leaves income,
/// expense and 321 at zero; every voucher has its audit entry. A few grouped scans over covering indexes, not a
/// walk over every voucher.
/// </summary>
public sealed class LedgerVerifier(LedgerDbContext db, BookDirectory books, AuditLog audit)
{
    private readonly record struct Key(int Book, int Account, int Counterparty, int Period);

    private sealed class Sums
    {
        public long Debit { get; set; }

        public long Credit { get; set; }

        public long YearEndDebit { get; set; }

        public long YearEndCredit { get; set; }

        public bool SameAs(Sums o) => Debit == o.Debit && Credit == o.Credit && YearEndDebit == o.YearEndDebit && YearEndCredit == o.YearEndCredit;
    }

    public async Task<Outcome<VerificationReport>> VerifyAsync(string? orgCode, bool rebuildBalances = false, CancellationToken ct = default)
    {
        List<BookRef> scope;
        if (orgCode is null)
        {
            var orgs = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
            scope = (await db.Books.AsNoTracking().ToListAsync(ct)).Select(b => new BookRef(orgs[b.OrganizationId], b)).ToList();
        }
        else
        {
            var found = await books.FindBooksUnderAsync(orgCode, ct);
            if (!found.Succeeded)
            {
                return Outcome<VerificationReport>.Failure(found.Errors);
            }

            scope = found.Value.ToList();
        }

        var findings = new List<LedgerError>();
        var names = scope.ToDictionary(b => b.Book.Id, b => b.Organization.Code);
        var charts = new Dictionary<int, BookChart>();
        foreach (var b in scope)
        {
            charts[b.Book.Id] = await books.LoadChartAsync(b.Book.Id, ct);
        }

        // All books: no filter, so the scans use their covering indexes whole; a scope filters by book.
        var filter = orgCode is null ? string.Empty : $"book_id IN ({string.Join(",", scope.Select(b => b.Book.Id).DefaultIfEmpty(-1))})";
        string Where(string extra = "") => (filter, extra) switch
        {
            ("", "") => string.Empty,
            ("", _) => " WHERE " + extra,
            (_, "") => " WHERE " + filter,
            _ => $" WHERE {filter} AND {extra}",
        };

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // 1. Every voucher balances and has at least two lines.
            long postings = 0;
            await Query(connection, $"""
                SELECT voucher_id, SUM(debit), SUM(credit), COUNT(*) FROM postings{Where()}
                GROUP BY voucher_id HAVING SUM(debit) <> SUM(credit) OR COUNT(*) < 2
                """, r => findings.Add(new LedgerError("verify.voucher_unbalanced",
                    $"voucher id {r.GetInt64(0)}: debits {Money.FromFen(r.GetInt64(1))}, credits {Money.FromFen(r.GetInt64(2))}, {r.GetInt64(3)} lines")), ct);

            // 2. Numbers run 1…n per book and month (unique numbers + min 1 + max = count ⇒ no gaps).
            long vouchers = 0;
            await Query(connection, $"""
                SELECT book_id, period, COUNT(*), MIN(number), MAX(number) FROM vouchers{Where()}
                GROUP BY book_id, period
                """, r =>
                {
                    vouchers += r.GetInt64(2);
                    if (r.GetInt64(3) != 1 || r.GetInt64(4) != r.GetInt64(2))
                    {
                        findings.Add(new LedgerError("verify.numbering_gap",
                            $"{names.GetValueOrDefault(r.GetInt32(0))} {AccountingPeriod.FromKey(r.GetInt32(1))}: {r.GetInt64(2)} vouchers numbered {r.GetInt64(3)}…{r.GetInt64(4)}"));
                    }
                }, ct);

            // 3. Recompute the balances from postings and opening balances.
            var recomputed = new Dictionary<Key, Sums>();
            await Query(connection, $"""
                SELECT book_id, account_id, COALESCE(counterparty_id, 0), period, SUM(debit), SUM(credit), COUNT(*) FROM postings{Where()}
                GROUP BY book_id, account_id, period, counterparty_id
                """, r =>
                {
                    var s = Get(recomputed, new Key(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
                    s.Debit += r.GetInt64(4);
                    s.Credit += r.GetInt64(5);
                    postings += r.GetInt64(6);
                }, ct);
            await Query(connection, $"""
                SELECT p.book_id, p.account_id, COALESCE(p.counterparty_id, 0), p.period, SUM(p.debit), SUM(p.credit)
                FROM postings p JOIN vouchers v ON v.id = p.voucher_id
                WHERE v.kind = '{nameof(VoucherKind.YearEndClose)}'{(filter.Length == 0 ? string.Empty : " AND p." + filter)}
                GROUP BY p.book_id, p.account_id, p.period, p.counterparty_id
                """, r =>
                {
                    var s = Get(recomputed, new Key(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
                    s.YearEndDebit += r.GetInt64(4);
                    s.YearEndCredit += r.GetInt64(5);
                }, ct);
            await Query(connection, $"""
                SELECT s.book_id, l.account_id, COALESCE(l.counterparty_id, 0), s.year, SUM(l.debit), SUM(l.credit)
                FROM opening_balance_lines l JOIN opening_balance_sets s ON s.id = l.set_id{(filter.Length == 0 ? string.Empty : " WHERE s." + filter)}
                GROUP BY s.book_id, l.account_id, l.counterparty_id, s.year
                """, r =>
                {
                    var s = Get(recomputed, new Key(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), AccountingPeriod.OpeningOf(r.GetInt32(3)).Key));
                    s.Debit += r.GetInt64(4);
                    s.Credit += r.GetInt64(5);
                }, ct);

            // 4. Maintained = recomputed.
            var maintained = new Dictionary<Key, Sums>();
            await Query(connection, $"""
                SELECT book_id, account_id, counterparty_key, period, debit, credit, year_end_debit, year_end_credit FROM account_balances{Where()}
                """, r => maintained[new Key(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3))] = new Sums
                {
                    Debit = r.GetInt64(4), Credit = r.GetInt64(5), YearEndDebit = r.GetInt64(6), YearEndCredit = r.GetInt64(7),
                }, ct);
            var balanceMismatches = 0;
            foreach (var key in recomputed.Keys.Union(maintained.Keys))
            {
                var want = recomputed.GetValueOrDefault(key) ?? new Sums();
                var have = maintained.GetValueOrDefault(key) ?? new Sums();
                if (!want.SameAs(have))
                {
                    balanceMismatches++;
                    if (balanceMismatches <= 50)
                    {
                        var account = charts.TryGetValue(key.Book, out var c) && c.Accounts.Any(a => a.Id == key.Account) ? c[key.Account].Code : $"#{key.Account}";
                        findings.Add(new LedgerError("verify.balance_mismatch",
                            $"{names.GetValueOrDefault(key.Book)} account {account} {AccountingPeriod.FromKey(key.Period)}: maintained debit/credit {Money.FromFen(have.Debit)}/{Money.FromFen(have.Credit)}, recomputed {Money.FromFen(want.Debit)}/{Money.FromFen(want.Credit)}"));
                    }
                }
            }

            if (balanceMismatches > 50)
            {
                findings.Add(new LedgerError("verify.balance_mismatch", $"… and {balanceMismatches - 50} more balance differences"));
            }

            // 5. Each book balances in each period; postings on leaves, with counterparties where required.
            foreach (var group in recomputed.GroupBy(kv => (kv.Key.Book, kv.Key.Period)))
            {
                var d = group.Sum(kv => kv.Value.Debit);
                var cr = group.Sum(kv => kv.Value.Credit);
                if (d != cr)
                {
                    findings.Add(new LedgerError("verify.period_unbalanced",
                        $"{names.GetValueOrDefault(group.Key.Book)} {AccountingPeriod.FromKey(group.Key.Period)}: debits {Money.FromFen(d)}, credits {Money.FromFen(cr)}"));
                }
            }

            foreach (var key in recomputed.Keys.Select(k => (k.Book, k.Account, HasCounterparty: k.Counterparty != 0)).Distinct())
            {
                if (!charts.TryGetValue(key.Book, out var chart))
                {
                    continue;
                }

                var account = chart[key.Account];
                if (!chart.IsLeaf(account))
                {
                    findings.Add(new LedgerError("verify.not_leaf", $"{names[key.Book]}: account {account.Code} has postings but also detail accounts"));
                }

                if (account.Has(AccountFlags.Counterparty) && !key.HasCounterparty)
                {
                    findings.Add(new LedgerError("verify.counterparty_missing", $"{names[key.Book]}: account {account.Code} has postings without a counterparty"));
                }
            }

            // 6. A closed year leaves income, expense, 321 and 各项分配 at zero.
            await CheckClosedYearsAsync(scope, charts, recomputed, findings, ct);

            // 7. Reversals mirror the vouchers they reverse.
            await CheckReversalsAsync(scope, names, findings, ct);

            // 8. Every voucher has its audit entry.
            var audited = await db.AuditLog.AsNoTracking()
                .Where(a => a.Action.StartsWith("voucher.") && (orgCode == null || scope.Select(b => (int?)b.Book.Id).Contains(a.BookId)))
                .LongCountAsync(ct);
            if (audited < vouchers)
            {
                findings.Add(new LedgerError("verify.audit_missing", $"{vouchers} vouchers but only {audited} voucher audit entries"));
            }

            var rebuilt = false;
            if (rebuildBalances && balanceMismatches > 0)
            {
                await RebuildAsync(scope, recomputed, balanceMismatches, ct);
                rebuilt = true;
            }

            return Outcome<VerificationReport>.Success(new VerificationReport(scope.Count, postings, vouchers, findings, rebuilt));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task CheckClosedYearsAsync(List<BookRef> scope, Dictionary<int, BookChart> charts, Dictionary<Key, Sums> recomputed, List<LedgerError> findings, CancellationToken ct)
    {
        var ids = scope.Select(b => b.Book.Id).ToList();
        var closedYears = await db.Vouchers.AsNoTracking()
            .Where(v => ids.Contains(v.BookId) && v.Kind == VoucherKind.YearEndClose)
            .Select(v => new { v.BookId, v.Period }).Distinct()
            .Join(db.PeriodStates.Where(p => p.IsClosed), v => new { v.BookId, v.Period }, p => new { p.BookId, p.Period }, (v, _) => v)
            .ToListAsync(ct);
        foreach (var y in closedYears)
        {
            var chart = charts[y.BookId];
            var rows = recomputed.Where(kv => kv.Key.Book == y.BookId)
                .Select(kv => new AccountBalance
                {
                    BookId = kv.Key.Book, AccountId = kv.Key.Account, CounterpartyKey = kv.Key.Counterparty, Period = kv.Key.Period,
                    Debit = kv.Value.Debit, Credit = kv.Value.Credit,
                });
            var snapshot = BalanceSnapshot.FromRows(chart, AccountingPeriod.FromKey(y.Period), rows);
            foreach (var (account, _, f) in snapshot.Entries)
            {
                if (f.Closing != 0 && (account.Has(AccountFlags.ClosesTo321) || account.Code == YearEndClose.ProfitAccount
                    || account.Code.StartsWith(YearEndClose.DistributionsAccount, StringComparison.Ordinal)))
                {
                    findings.Add(new LedgerError("verify.closed_year_not_zero",
                        $"{scope.First(b => b.Book.Id == y.BookId).Organization.Code} {AccountingPeriod.FromKey(y.Period).Year}: the year is closed but {account.Code} {account.Name} holds {Money.FromFen(f.Closing)}"));
                }
            }
        }
    }

    private async Task CheckReversalsAsync(List<BookRef> scope, Dictionary<int, string> names, List<LedgerError> findings, CancellationToken ct)
    {
        var ids = scope.Select(b => b.Book.Id).ToList();
        var pairs = await db.Vouchers.AsNoTracking()
            .Where(v => ids.Contains(v.BookId) && v.ReversesVoucherId != null)
            .Select(v => new { v.Id, Original = v.ReversesVoucherId!.Value, v.BookId, v.Period, v.Number })
            .ToListAsync(ct);
        foreach (var chunk in pairs.Chunk(500))
        {
            var voucherIds = chunk.SelectMany(p => new[] { p.Id, p.Original }).ToList();
            var lines = (await db.Postings.AsNoTracking().Where(p => voucherIds.Contains(p.VoucherId)).ToListAsync(ct))
                .ToLookup(p => p.VoucherId);
            foreach (var pair in chunk)
            {
                var mirror = lines[pair.Id].OrderBy(p => p.LineNo)
                    .Select(p => (p.AccountId, p.CounterpartyId, -p.Debit, -p.Credit))
                    .SequenceEqual(lines[pair.Original].OrderBy(p => p.LineNo).Select(p => (p.AccountId, p.CounterpartyId, p.Debit, p.Credit)));
                if (!mirror)
                {
                    findings.Add(new LedgerError("verify.reversal_mismatch",
                        $"{names[pair.BookId]} {VoucherNumber.Format(AccountingPeriod.FromKey(pair.Period), pair.Number)} does not mirror the voucher it reverses"));
                }
            }
        }
    }

    private async Task RebuildAsync(List<BookRef> scope, Dictionary<Key, Sums> recomputed, int differences, CancellationToken ct)
    {
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var ids = scope.Select(b => b.Book.Id).ToList();
        await db.Balances.Where(b => ids.Contains(b.BookId)).ExecuteDeleteAsync(ct);
        db.Balances.AddRange(recomputed.Select(kv => new AccountBalance
        {
            BookId = kv.Key.Book, AccountId = kv.Key.Account, CounterpartyKey = kv.Key.Counterparty, Period = kv.Key.Period,
            Debit = kv.Value.Debit, Credit = kv.Value.Credit, YearEndDebit = kv.Value.YearEndDebit, YearEndCredit = kv.Value.YearEndCredit,
        }));
        audit.Record("balances.rebuild", null, "account balances", new { differences }, new { rows = recomputed.Count, books = ids.Count });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await tx.CommitAsync(ct);
    }

    private static Sums Get(Dictionary<Key, Sums> d, Key k)
    {
        if (!d.TryGetValue(k, out var s))
        {
            s = new Sums();
            d[k] = s;
        }

        return s;
    }

    private static async Task Query(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
    }
}
