using System.Data.Common;
using System.Text.Json;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
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
/// Recomputes everything that is derived and checks every invariant of the books, in one pass over the posting
/// log merged with the vouchers (both in id order): each voucher's lines are exactly its id range, balance, and
/// number two or more; numbers run 1…n without gaps per book and month; the maintained balances equal the ones
/// recomputed from the postings and opening balances; each book and month balances; postings sit on leaf accounts
/// with counterparties where required; reversals mirror what they reverse; a closed year leaves income, expense,
/// 321 and 各项分配 at zero; the audit log accounts for every voucher; the asset register reconciles with 151 and 152.
/// </summary>
public sealed class LedgerVerifier(LedgerDbContext db, BookDirectory books, AssetRegister assets, AuditLog audit)
{
    private const int MaxListed = 50;

    private readonly record struct Key(int Book, int Account, int Counterparty, int Period);

    private sealed class Sums
    {
        public long Debit { get; set; }

        public long Credit { get; set; }

        public long YearEndDebit { get; set; }

        public long YearEndCredit { get; set; }

        public bool SameAs(Sums o) => Debit == o.Debit && Credit == o.Credit && YearEndDebit == o.YearEndDebit && YearEndCredit == o.YearEndCredit;
    }

    private sealed record VoucherRow(long Id, int Book, int Period, int Number, long FirstPosting, int LineCount, bool YearEnd, long? Reverses);

    private sealed record Line(int Account, int Counterparty, long Debit, long Credit);

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

        var all = orgCode is null;
        var bookList = string.Join(",", scope.Select(b => b.Book.Id).DefaultIfEmpty(-1));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A large log is scanned in parallel ranges, and the maintained balances are read alongside, each on a
            // read connection of its own; a small one (and an in-memory database) uses the context's connection.
            long lastPosting = 0;
            await QueryAsync(connection, "SELECT COALESCE(MAX(id), 0) FROM postings", r => lastPosting = r.GetInt64(0), ct);
            var parallel = lastPosting >= ParallelScanThreshold;
            DbConnection OpenReader()
            {
                var own = DbProviderFactories.GetFactory(connection)!.CreateConnection()!;
                own.ConnectionString = db.Database.GetConnectionString();
                own.Open();
                return own;
            }

            var maintainedSql = $"""
                SELECT CAST(book_id AS BIGINT) * 1000000 + period, account_id * 4294967296 + counterparty_key, debit, credit, year_end_debit, year_end_credit
                FROM account_balances {(all ? string.Empty : $"WHERE book_id IN ({bookList})")}
                """;
            var maintainedRead = parallel
                ? Task.Run(() =>
                {
                    using var own = OpenReader();
                    return ReadMaintained(own, maintainedSql, NativeReads);
                }, ct)
                : null;

            // 1. The vouchers, in id order (packed columns: every column read is a native call per row); numbering
            //    runs 1…n per book and month (unique numbers, min 1 and max = count), from the covering index.
            var vouchers = new List<VoucherRow>();
            BulkQuery.Run(connection, $"""
                SELECT id, CAST(book_id AS BIGINT) * 1000000 + period, number, first_posting_id, line_count,
                       COALESCE(reverses_voucher_id, 0) * 2 + CASE WHEN kind = '{nameof(VoucherKind.YearEndClose)}' THEN 1 ELSE 0 END
                FROM vouchers {(all ? string.Empty : $"WHERE book_id IN ({bookList})")} ORDER BY id
                """, [], r =>
                {
                    var bookPeriod = r.Number(1);
                    var packed = r.Number(5);
                    vouchers.Add(new VoucherRow(r.Number(0), (int)(bookPeriod / 1000000), (int)(bookPeriod % 1000000), (int)r.Number(2),
                        r.Number(3), (int)r.Number(4), (packed & 1) == 1, packed >> 1 == 0 ? null : packed >> 1));
                }, NativeReads);
            await QueryAsync(connection, $"""
                SELECT book_id, period, COUNT(*), MIN(number), MAX(number) FROM vouchers
                {(all ? string.Empty : $"WHERE book_id IN ({bookList})")}
                GROUP BY book_id, period HAVING MIN(number) <> 1 OR MAX(number) <> COUNT(*)
                """, r => findings.Add(new LedgerError("verify.numbering_gap",
                    $"{names.GetValueOrDefault(r.GetInt32(0))} {AccountingPeriod.FromKey(r.GetInt32(1))}: {r.GetInt64(2)} vouchers numbered {r.GetInt64(3)}…{r.GetInt64(4)}")), ct);

            // 2. One pass over the posting log merged with the vouchers — lines, balance, recomputed balances — split
            //    into contiguous ranges scanned side by side when the log is large (each on its own read connection).
            var interesting = vouchers.Where(v => v.Reverses is not null).SelectMany(v => new[] { v.Id, v.Reverses!.Value }).ToHashSet();
            var slices = Slice(vouchers, parallel ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1);
            var scans = slices.Count == 1
                ? [Scan(connection, PostingSql(all, bookList), slices[0], interesting, names, NativeReads)]
                : await Task.WhenAll(slices.Select(slice => Task.Run(() =>
                {
                    using var own = OpenReader();
                    return Scan(own, PostingSql(all, bookList), slice, interesting, names, NativeReads);
                }, ct)));
            var recomputed = new Dictionary<Key, Sums>();
            var captured = new Dictionary<long, List<Line>>();
            var postingProblems = new List<LedgerError>();
            long postings = 0;
            foreach (var scan in scans)
            {
                foreach (var (key, sums) in scan.Recomputed)
                {
                    var s = Get(recomputed, key);
                    s.Debit += sums.Debit;
                    s.Credit += sums.Credit;
                    s.YearEndDebit += sums.YearEndDebit;
                    s.YearEndCredit += sums.YearEndCredit;
                }

                foreach (var (id, lines) in scan.Captured)
                {
                    captured[id] = lines;
                }

                postingProblems.AddRange(scan.Problems);
                postings += scan.Postings;
            }

            findings.AddRange(postingProblems.Take(MaxListed));
            if (postingProblems.Count > MaxListed)
            {
                findings.Add(new LedgerError("verify.more", $"… and {postingProblems.Count - MaxListed} more voucher and posting problems"));
            }

            // 3. Opening balances belong to the recomputation too.
            await QueryAsync(connection, $"""
                SELECT s.book_id, l.account_id, COALESCE(l.counterparty_id, 0), s.year, SUM(l.debit), SUM(l.credit)
                FROM opening_balance_lines l JOIN opening_balance_sets s ON s.id = l.set_id
                {(all ? string.Empty : $"WHERE s.book_id IN ({bookList})")}
                GROUP BY s.book_id, l.account_id, l.counterparty_id, s.year
                """, r =>
                {
                    var s = Get(recomputed, new Key(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), AccountingPeriod.OpeningOf(r.GetInt32(3)).Key));
                    s.Debit += r.GetInt64(4);
                    s.Credit += r.GetInt64(5);
                }, ct);

            // 4. Maintained = recomputed, in one pass over the maintained rows.
            var mismatches = 0;
            var matched = new HashSet<Key>();
            void Compare(Key key, Sums want, Sums have)
            {
                if (!want.SameAs(have) && ++mismatches <= MaxListed)
                {
                    var account = charts.TryGetValue(key.Book, out var c) && c.Accounts.Any(a => a.Id == key.Account) ? c[key.Account].Code : $"#{key.Account}";
                    findings.Add(new LedgerError("verify.balance_mismatch",
                        $"{names.GetValueOrDefault(key.Book)} account {account} {AccountingPeriod.FromKey(key.Period)}: maintained debit/credit {Money.FromFen(have.Debit)}/{Money.FromFen(have.Credit)}, recomputed {Money.FromFen(want.Debit)}/{Money.FromFen(want.Credit)}"));
                }
            }

            var maintained = maintainedRead is null ? ReadMaintained(connection, maintainedSql, NativeReads) : await maintainedRead;
            foreach (var (key, have) in maintained)
            {
                matched.Add(key);
                Compare(key, recomputed.GetValueOrDefault(key) ?? new Sums(), have);
            }

            foreach (var (key, want) in recomputed)
            {
                if (!matched.Contains(key))
                {
                    Compare(key, want, new Sums());
                }
            }

            if (mismatches > MaxListed)
            {
                findings.Add(new LedgerError("verify.balance_mismatch", $"… and {mismatches - MaxListed} more balance differences"));
            }

            // 5. Each book balances in each period; postings sit on leaves, with counterparties where required.
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

            foreach (var (book, accountId, hasCounterparty) in recomputed.Keys.Select(k => (k.Book, k.Account, k.Counterparty != 0)).Distinct())
            {
                if (!charts.TryGetValue(book, out var chart) || chart.Accounts.All(a => a.Id != accountId))
                {
                    findings.Add(new LedgerError("verify.foreign_account", $"{names.GetValueOrDefault(book)}: a posting names account #{accountId}, which is not in its book"));
                    continue;
                }

                var account = chart[accountId];
                if (!chart.IsLeaf(account))
                {
                    findings.Add(new LedgerError("verify.not_leaf", $"{names[book]}: account {account.Code} has postings but also detail accounts"));
                }

                if (account.Has(AccountFlags.Counterparty) && !hasCounterparty)
                {
                    findings.Add(new LedgerError("verify.counterparty_missing", $"{names[book]}: account {account.Code} has postings without a counterparty"));
                }
            }

            // 6. A closed year leaves income, expense, 321 and 各项分配 at zero.
            await CheckClosedYearsAsync(scope, charts, vouchers, recomputed, findings, ct);

            // 7. Reversals mirror the vouchers they reverse.
            foreach (var v in vouchers.Where(v => v.Reverses is not null))
            {
                var mine = captured.GetValueOrDefault(v.Id) ?? [];
                var theirs = captured.GetValueOrDefault(v.Reverses!.Value) ?? [];
                if (!mine.Select(l => l with { Debit = -l.Debit, Credit = -l.Credit }).SequenceEqual(theirs))
                {
                    findings.Add(new LedgerError("verify.reversal_mismatch",
                        $"{names[v.Book]} {VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number)} does not mirror the voucher it reverses"));
                }
            }

            // 8. The audit log accounts for every voucher: each posting command's entry names its id range.
            var bookIds = scope.Select(b => (int?)b.Book.Id).ToList();
            var entries = await db.AuditLog.AsNoTracking()
                .Where(a => a.Action.StartsWith(VoucherAudit.ActionPrefix) && (all || bookIds.Contains(a.BookId)))
                .Select(a => a.After).ToListAsync(ct);
            long audited = 0;
            foreach (var json in entries)
            {
                var entry = json is null ? null : JsonSerializer.Deserialize<VoucherAudit>(json, AuditLog.Json);
                if (entry is null || entry.LastId - entry.FirstId + 1 != entry.Vouchers)
                {
                    findings.Add(new LedgerError("verify.audit_malformed", $"a voucher audit entry does not name a contiguous range of vouchers: {json}"));
                    continue;
                }

                audited += entry.Vouchers;
            }

            if (audited != vouchers.Count)
            {
                findings.Add(new LedgerError("verify.audit_missing", $"{vouchers.Count} vouchers, but the audit log accounts for {audited}"));
            }

            // 9. The asset register reconciles with the books: cards' cost = 151, their accumulated depreciation = 152.
            await ReconcileAssetsAsync(scope, charts, recomputed, findings, ct);

            var rebuilt = false;
            if (rebuildBalances && mismatches > 0)
            {
                await RebuildAsync(scope, recomputed, mismatches, ct);
                rebuilt = true;
            }

            return Outcome<VerificationReport>.Success(new VerificationReport(scope.Count, postings, vouchers.Count, findings, rebuilt));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Postings from this many lines up are scanned in parallel ranges.</summary>
    internal long ParallelScanThreshold { get; set; } = 200_000;

    /// <summary>Whether SQLite's scans read columns through its C API (true) or a data reader, as other providers do.</summary>
    internal bool NativeReads { get; set; } = true;

    private sealed record ScanSlice(IReadOnlyList<VoucherRow> Vouchers, long FromPosting, long ToPosting);

    private sealed record ScanResult(Dictionary<Key, Sums> Recomputed, Dictionary<long, List<Line>> Captured, List<LedgerError> Problems, long Postings);

    /// <summary>Contiguous runs of vouchers with about equal numbers of lines, and the posting ids each covers.</summary>
    private static List<ScanSlice> Slice(List<VoucherRow> vouchers, int parts)
    {
        var total = vouchers.Sum(v => (long)v.LineCount);
        var slices = new List<ScanSlice>();
        var start = 0;
        long taken = 0;
        for (var i = 0; i < vouchers.Count; i++)
        {
            taken += vouchers[i].LineCount;
            if (slices.Count < parts - 1 && taken >= total * (slices.Count + 1) / parts && i + 1 < vouchers.Count)
            {
                slices.Add(new ScanSlice(vouchers.GetRange(start, i + 1 - start), slices.Count == 0 ? long.MinValue : vouchers[start].FirstPosting, vouchers[i + 1].FirstPosting));
                start = i + 1;
            }
        }

        slices.Add(new ScanSlice(vouchers.GetRange(start, vouchers.Count - start), slices.Count == 0 ? long.MinValue : vouchers[start].FirstPosting, long.MaxValue));
        return slices;
    }

    /// <summary>Account and counterparty travel as one integer: every column read costs a native call per row.</summary>
    private static string PostingSql(bool all, string bookList) => all
        ? """
          SELECT id, voucher_id, account_id * 4294967296 + COALESCE(counterparty_id, 0), debit, credit FROM postings
          WHERE id >= @from AND id < @to ORDER BY id
          """
        : $"""
          SELECT p.id, p.voucher_id, p.account_id * 4294967296 + COALESCE(p.counterparty_id, 0), p.debit, p.credit
          FROM vouchers v JOIN postings p ON p.id >= v.first_posting_id AND p.id < v.first_posting_id + v.line_count
          WHERE v.book_id IN ({bookList}) AND p.id >= @from AND p.id < @to ORDER BY p.id
          """;

    /// <summary>
    /// Walks a range of the posting log beside its vouchers (both in id order): every posting must lie in the line
    /// range of the voucher it names, every voucher must have all its lines, two or more, debits equal to credits.
    /// </summary>
    private static ScanResult Scan(DbConnection connection, string sql, ScanSlice slice, HashSet<long> interesting, Dictionary<int, string> names, bool native)
    {
        var vouchers = slice.Vouchers;
        var recomputed = new Dictionary<Key, Sums>();
        var captured = new Dictionary<long, List<Line>>();
        var problems = new List<LedgerError>();
        long postings;
        var vi = 0;
        var seen = 0;
        long debit = 0, credit = 0;
        var lastKey = default(Key);
        Sums? lastSums = null;

        void CloseVoucher(VoucherRow v)
        {
            if (seen != v.LineCount || seen < 2 || debit != credit)
            {
                problems.Add(new LedgerError("verify.voucher_unbalanced",
                    $"{names.GetValueOrDefault(v.Book)} {VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number)}: {seen} of {v.LineCount} lines, debits {Money.FromFen(debit)}, credits {Money.FromFen(credit)}"));
            }

            seen = 0;
            debit = credit = 0;
        }

        postings = BulkQuery.Run(connection, sql, [slice.FromPosting, slice.ToPosting], r =>
        {
            var id = r.Number(0);
            while (vi < vouchers.Count && vouchers[vi].FirstPosting + vouchers[vi].LineCount <= id)
            {
                CloseVoucher(vouchers[vi++]);
            }

            if (vi == vouchers.Count || id < vouchers[vi].FirstPosting)
            {
                problems.Add(new LedgerError("verify.posting_orphan", $"posting {id} lies in no voucher's range of lines"));
                return;
            }

            var v = vouchers[vi];
            if (r.Number(1) != v.Id)
            {
                problems.Add(new LedgerError("verify.posting_misplaced",
                    $"posting {id} lies in the lines of voucher id {v.Id} but names voucher {r.Number(1)}"));
            }

            var accountAndCounterparty = r.Number(2);
            var line = new Line((int)(accountAndCounterparty >> 32), (int)(accountAndCounterparty & 0xFFFFFFFF), r.Number(3), r.Number(4));
            seen++;
            debit += line.Debit;
            credit += line.Credit;
            var key = new Key(v.Book, line.Account, line.Counterparty, v.Period);
            var s = lastSums is not null && key == lastKey ? lastSums : Get(recomputed, key);
            (lastKey, lastSums) = (key, s);
            s.Debit += line.Debit;
            s.Credit += line.Credit;
            if (v.YearEnd)
            {
                s.YearEndDebit += line.Debit;
                s.YearEndCredit += line.Credit;
            }

            if (interesting.Contains(v.Id))
            {
                (captured.TryGetValue(v.Id, out var list) ? list : captured[v.Id] = []).Add(line);
            }
        }, native);

        for (; vi < vouchers.Count; vi++)
        {
            CloseVoucher(vouchers[vi]);
        }

        return new ScanResult(recomputed, captured, problems, postings);
    }

    private static Dictionary<Key, Sums> ReadMaintained(DbConnection connection, string sql, bool native)
    {
        var result = new Dictionary<Key, Sums>();
        BulkQuery.Run(connection, sql, [], r =>
        {
            var bookPeriod = r.Number(0);
            var accountAndCounterparty = r.Number(1);
            result[new Key((int)(bookPeriod / 1000000), (int)(accountAndCounterparty >> 32), (int)(accountAndCounterparty & 0xFFFFFFFF), (int)(bookPeriod % 1000000))] =
                new Sums { Debit = r.Number(2), Credit = r.Number(3), YearEndDebit = r.Number(4), YearEndCredit = r.Number(5) };
        }, native);
        return result;
    }

    private async Task CheckClosedYearsAsync(
        List<BookRef> scope, Dictionary<int, BookChart> charts, List<VoucherRow> vouchers, Dictionary<Key, Sums> recomputed,
        List<LedgerError> findings, CancellationToken ct)
    {
        var ids = scope.Select(b => b.Book.Id).ToList();
        var closed = (await db.PeriodStates.AsNoTracking().Where(p => ids.Contains(p.BookId) && p.IsClosed)
            .Select(p => new { p.BookId, p.Period }).ToListAsync(ct)).ToHashSet();
        foreach (var (book, period) in vouchers.Where(v => v.YearEnd).Select(v => (v.Book, v.Period)).Distinct())
        {
            if (!closed.Contains(new { BookId = book, Period = period }))
            {
                continue;
            }

            var rows = recomputed.Where(kv => kv.Key.Book == book).Select(kv => new AccountBalance
            {
                BookId = kv.Key.Book, AccountId = kv.Key.Account, CounterpartyKey = kv.Key.Counterparty, Period = kv.Key.Period,
                Debit = kv.Value.Debit, Credit = kv.Value.Credit,
            });
            var snapshot = BalanceSnapshot.FromRows(charts[book], AccountingPeriod.FromKey(period), rows);
            foreach (var (account, _, f) in snapshot.Entries)
            {
                if (f.Closing != 0 && (account.Has(AccountFlags.ClosesTo321) || account.Code == YearEndClose.ProfitAccount
                    || account.Code.StartsWith(YearEndClose.DistributionsAccount, StringComparison.Ordinal)))
                {
                    findings.Add(new LedgerError("verify.closed_year_not_zero",
                        $"{scope.First(b => b.Book.Id == book).Organization.Code} {AccountingPeriod.FromKey(period).Year}: the year is closed but {account.Code} {account.Name} holds {Money.FromFen(f.Closing)}"));
                }
            }
        }
    }

    private async Task ReconcileAssetsAsync(
        List<BookRef> scope, Dictionary<int, BookChart> charts, Dictionary<Key, Sums> recomputed, List<LedgerError> findings, CancellationToken ct)
    {
        var ledger = recomputed
            .Where(kv => charts.ContainsKey(kv.Key.Book))
            .Select(kv => (kv.Key.Book, Code: charts[kv.Key.Book][kv.Key.Account].Code, Net: kv.Value.Debit - kv.Value.Credit))
            .Where(x => x.Code.StartsWith("151", StringComparison.Ordinal) || x.Code.StartsWith("152", StringComparison.Ordinal))
            .GroupBy(x => (x.Book, Account: x.Code[..3]))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Net));
        var booksWithCards = (await db.FixedAssets.AsNoTracking().Select(a => a.BookId).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var b in scope.Where(b => booksWithCards.Contains(b.Book.Id) || ledger.Keys.Any(k => k.Book == b.Book.Id)))
        {
            var standing = (await assets.StatesAsync(b.Book.Id, null, ct)).Where(v => v.State.Disposed is null).ToList();
            var cost = standing.Sum(v => v.Asset.Cost);
            var accumulated = standing.Sum(v => v.State.Accumulated);
            var account151 = ledger.GetValueOrDefault((b.Book.Id, "151"));
            var account152 = -ledger.GetValueOrDefault((b.Book.Id, "152"));
            if (cost != account151)
            {
                findings.Add(new LedgerError("verify.assets_cost",
                    $"{b.Organization.Code}: the asset cards cost {Money.FromFen(cost)} but account 151 固定资产 holds {Money.FromFen(account151)}"));
            }

            if (accumulated != account152)
            {
                findings.Add(new LedgerError("verify.assets_depreciation",
                    $"{b.Organization.Code}: the asset cards' accumulated depreciation is {Money.FromFen(accumulated)} but account 152 累计折旧 holds {Money.FromFen(account152)}"));
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

    private static async Task QueryAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (reader.Read())
        {
            row(reader);
        }
    }
}
