using System.Data.Common;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;

namespace AssetLedger.Core.Verification;

/// <summary>A book, account, counterparty (0: none) and month: the key of a balance.</summary>
public readonly record struct BalanceKey(int Book, int Account, int Counterparty, int Period);

/// <summary>Debits and credits of a balance, with the part year-end closing vouchers posted.</summary>
public sealed class BalanceSums
{
    public long Debit { get; set; }

    public long Credit { get; set; }

    public long YearEndDebit { get; set; }

    public long YearEndCredit { get; set; }

    public bool SameAs(BalanceSums o) => Debit == o.Debit && Credit == o.Credit && YearEndDebit == o.YearEndDebit && YearEndCredit == o.YearEndCredit;
}

/// <summary>A voucher as the scan reads it: where its lines are, whether it closes a year, what it reverses.</summary>
public sealed record ScannedVoucher(long Id, int Book, int Period, int Number, long FirstPosting, int LineCount, bool YearEnd, long? Reverses)
{
    public string Display => VoucherNumber.Format(AccountingPeriod.FromKey(Period), Number);
}

/// <summary>One posting line as the scan reads it.</summary>
public sealed record ScannedLine(int Account, int Counterparty, long Debit, long Credit);

/// <summary>
/// What <c>verify</c> reads once, for every invariant to check: the books in scope with their charts, the vouchers in
/// id order, the balances recomputed from the postings and opening balances, the maintained ones, the lines of
/// reversals and what they reverse, and what the walk of the posting log found wrong with vouchers and their lines.
/// </summary>
public sealed class LedgerScan
{
    public required IReadOnlyList<BookRef> Scope { get; init; }

    /// <summary>Whether the scope is every book (no filter in the queries).</summary>
    public required bool All { get; init; }

    public required IReadOnlyDictionary<int, BookChart> Charts { get; init; }

    /// <summary>Each book's organization code, for messages.</summary>
    public required IReadOnlyDictionary<int, string> Names { get; init; }

    public required IReadOnlyList<ScannedVoucher> Vouchers { get; init; }

    public required IReadOnlyDictionary<BalanceKey, BalanceSums> Recomputed { get; init; }

    public required IReadOnlyDictionary<BalanceKey, BalanceSums> Maintained { get; init; }

    /// <summary>The lines of reversals and of the vouchers they reverse.</summary>
    public required IReadOnlyDictionary<long, List<ScannedLine>> Captured { get; init; }

    /// <summary>What the walk of the posting log found: lines outside their voucher's range, vouchers short of lines or unbalanced.</summary>
    public required IReadOnlyList<LedgerError> PostingProblems { get; init; }

    public required long Postings { get; init; }

    /// <summary>The balances whose maintained row differs from the recomputed one (a missing row counts as zero), with both.</summary>
    public IReadOnlyList<(BalanceKey Key, BalanceSums Recomputed, BalanceSums Maintained)> DifferingBalances => differing ??= Differences();

    private List<(BalanceKey, BalanceSums, BalanceSums)>? differing;

    private List<(BalanceKey, BalanceSums, BalanceSums)> Differences()
    {
        var result = Maintained.Select(m => (m.Key, Recomputed.GetValueOrDefault(m.Key) ?? new BalanceSums(), m.Value))
            .Concat(Recomputed.Where(r => !Maintained.ContainsKey(r.Key)).Select(r => (r.Key, r.Value, new BalanceSums())));
        return result.Where(d => !d.Item2.SameAs(d.Item3)).ToList();
    }

    /// <summary>The books in scope for the queries (null: every book).</summary>
    public IReadOnlyList<int>? BookIds => All ? null : Scope.Select(b => b.Book.Id).ToList();
}

/// <summary>
/// Reads the <see cref="LedgerScan"/>: one pass over the posting log merged with the vouchers (both in id order) —
/// split into contiguous ranges scanned side by side on large logs, each on its own read connection, columns read
/// through SQLite's C API (<see cref="BulkQuery"/>) — with the maintained balances read alongside.
/// </summary>
internal sealed class LedgerScanner(DbConnection connection, string? connectionString, bool native, long parallelThreshold)
{
    public async Task<LedgerScan> ReadAsync(IReadOnlyList<BookRef> scope, bool all, IReadOnlyDictionary<int, BookChart> charts, CancellationToken ct)
    {
        var names = scope.ToDictionary(b => b.Book.Id, b => b.Organization.Code);
        var filter = all ? null : scope.Select(b => b.Book.Id).ToList();
        long lastPosting = 0;
        await QueryAsync(connection, LedgerSql.LastPostingId, r => lastPosting = r.GetInt64(0), ct);
        var parallel = lastPosting >= parallelThreshold;
        DbConnection OpenReader()
        {
            var own = DbProviderFactories.GetFactory(connection)!.CreateConnection()!;
            own.ConnectionString = connectionString;
            own.Open();
            return own;
        }

        var maintainedSql = VerificationSql.Maintained(filter);
        var maintainedRead = parallel
            ? Task.Run(() =>
            {
                using var own = OpenReader();
                return ReadMaintained(own, maintainedSql, native);
            }, ct)
            : null;

        // The vouchers, in id order (packed columns: every column read is a native call per row).
        var vouchers = new List<ScannedVoucher>();
        BulkQuery.Run(connection, VerificationSql.Vouchers(filter), [], r =>
            {
                var bookPeriod = r.Number(1);
                var packed = r.Number(5);
                vouchers.Add(new ScannedVoucher(r.Number(0), (int)(bookPeriod / 1000000), (int)(bookPeriod % 1000000), (int)r.Number(2),
                    r.Number(3), (int)r.Number(4), (packed & 1) == 1, packed >> 1 == 0 ? null : packed >> 1));
            }, native);

        // One pass over the posting log merged with the vouchers — lines, balance, recomputed balances.
        var interesting = vouchers.Where(v => v.Reverses is not null).SelectMany(v => new[] { v.Id, v.Reverses!.Value }).ToHashSet();
        var slices = Slice(vouchers, parallel ? Math.Clamp(Environment.ProcessorCount, 1, 4) : 1);
        var scans = slices.Count == 1
            ? [Scan(connection, VerificationSql.Postings(filter), slices[0], interesting, names, native)]
            : await Task.WhenAll(slices.Select(slice => Task.Run(() =>
            {
                using var own = OpenReader();
                return Scan(own, VerificationSql.Postings(filter), slice, interesting, names, native);
            }, ct)));
        var recomputed = new Dictionary<BalanceKey, BalanceSums>();
        var captured = new Dictionary<long, List<ScannedLine>>();
        var problems = new List<LedgerError>();
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

            problems.AddRange(scan.Problems);
            postings += scan.Postings;
        }

        // Opening balances belong to the recomputation too.
        await QueryAsync(connection, VerificationSql.OpeningBalances(filter), r =>
            {
                var s = Get(recomputed, new BalanceKey(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), AccountingPeriod.OpeningOf(r.GetInt32(3)).Key));
                s.Debit += r.GetInt64(4);
                s.Credit += r.GetInt64(5);
            }, ct);

        var maintained = maintainedRead is null ? ReadMaintained(connection, maintainedSql, native) : await maintainedRead;
        return new LedgerScan
        {
            Scope = scope, All = all, Charts = charts, Names = names, Vouchers = vouchers, Recomputed = recomputed, Maintained = maintained,
            Captured = captured, PostingProblems = problems, Postings = postings,
        };
    }

    private sealed record ScanSlice(IReadOnlyList<ScannedVoucher> Vouchers, long FromPosting, long ToPosting);

    private sealed record ScanResult(Dictionary<BalanceKey, BalanceSums> Recomputed, Dictionary<long, List<ScannedLine>> Captured, List<LedgerError> Problems, long Postings);

    /// <summary>Contiguous runs of vouchers with about equal numbers of lines, and the posting ids each covers.</summary>
    private static List<ScanSlice> Slice(List<ScannedVoucher> vouchers, int parts)
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

    /// <summary>
    /// Walks a range of the posting log beside its vouchers (both in id order): every posting must lie in the line
    /// range of the voucher it names, every voucher must have all its lines, two or more, debits equal to credits.
    /// </summary>
    private static ScanResult Scan(DbConnection connection, string sql, ScanSlice slice, HashSet<long> interesting, Dictionary<int, string> names, bool native)
    {
        var vouchers = slice.Vouchers;
        var recomputed = new Dictionary<BalanceKey, BalanceSums>();
        var captured = new Dictionary<long, List<ScannedLine>>();
        var problems = new List<LedgerError>();
        long postings;
        var vi = 0;
        var seen = 0;
        long debit = 0, credit = 0;
        var lastKey = default(BalanceKey);
        BalanceSums? lastSums = null;

        void CloseVoucher(ScannedVoucher v)
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
            var line = new ScannedLine((int)(accountAndCounterparty >> 32), (int)(accountAndCounterparty & 0xFFFFFFFF), r.Number(3), r.Number(4));
            seen++;
            debit += line.Debit;
            credit += line.Credit;
            var key = new BalanceKey(v.Book, line.Account, line.Counterparty, v.Period);
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

    private static Dictionary<BalanceKey, BalanceSums> ReadMaintained(DbConnection connection, string sql, bool native)
    {
        var result = new Dictionary<BalanceKey, BalanceSums>();
        BulkQuery.Run(connection, sql, [], r =>
        {
            var bookPeriod = r.Number(0);
            var accountAndCounterparty = r.Number(1);
            result[new BalanceKey((int)(bookPeriod / 1000000), (int)(accountAndCounterparty >> 32), (int)(accountAndCounterparty & 0xFFFFFFFF), (int)(bookPeriod % 1000000))] =
                new BalanceSums { Debit = r.Number(2), Credit = r.Number(3), YearEndDebit = r.Number(4), YearEndCredit = r.Number(5) };
        }, native);
        return result;
    }

    private static BalanceSums Get(Dictionary<BalanceKey, BalanceSums> d, BalanceKey k)
    {
        if (!d.TryGetValue(k, out var s))
        {
            s = new BalanceSums();
            d[k] = s;
        }

        return s;
    }

    public static async Task QueryAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken ct)
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
