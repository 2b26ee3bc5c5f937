using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Verification.Invariants;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification;

/// <summary>What <c>verify</c> looked at and what it found; it passes when <see cref="Findings"/> is empty.</summary>
public sealed record VerificationReport(int Books, long Postings, long Vouchers, IReadOnlyList<LedgerError> Findings, bool BalancesRebuilt)
{
    public bool Passed => Findings.Count == 0;
}

/// <summary>
/// <c>verify</c>: recomputes everything that is derived in one scan of the books (<see cref="LedgerScan"/>), then
/// checks every invariant of <see cref="LedgerInvariants.All"/> over it — numbering, vouchers and their lines,
/// maintained balances, balanced months, leaf accounts and counterparties, closed years, reversals, the audit log,
/// the asset register — and, when asked and the maintained balances differ, rewrites them from the recomputation.
/// </summary>
public sealed class LedgerVerifier(LedgerDbContext db, BookDirectory books, AssetRegister assets, AuditLog audit)
{
    /// <summary>Postings from this many lines up are scanned in parallel ranges.</summary>
    internal long ParallelScanThreshold { get; set; } = 200_000;

    /// <summary>Whether SQLite's scans read columns through its C API (true) or a data reader, as other providers do.</summary>
    internal bool NativeReads { get; set; } = true;

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

        var charts = new Dictionary<int, BookChart>();
        foreach (var b in scope)
        {
            charts[b.Book.Id] = await books.LoadChartAsync(b.Book.Id, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var scanner = new LedgerScanner(db.Database.GetDbConnection(), db.Database.GetConnectionString(), NativeReads, ParallelScanThreshold);
            var scan = await scanner.ReadAsync(scope, orgCode is null, charts, ct);
            var context = new InvariantContext(scan, db, assets);
            var findings = new List<LedgerError>();
            foreach (var invariant in LedgerInvariants.All)
            {
                findings.AddRange(await invariant.CheckAsync(context, ct));
            }

            var differences = scan.DifferingBalances.Count;
            if (rebuildBalances && differences > 0)
            {
                await RebuildAsync(scope, scan.Recomputed, differences, ct);
            }

            return Outcome<VerificationReport>.Success(new VerificationReport(scope.Count, scan.Postings, scan.Vouchers.Count, findings, rebuildBalances && differences > 0));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task RebuildAsync(IReadOnlyList<BookRef> scope, IReadOnlyDictionary<BalanceKey, BalanceSums> recomputed, int differences, CancellationToken ct)
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
}
