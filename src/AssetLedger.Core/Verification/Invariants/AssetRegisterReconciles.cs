using AssetLedger.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>The fixed-asset register reconciles with the books: the standing cards' cost is 151, their accumulated depreciation 152.</summary>
public sealed class AssetRegisterReconciles : ILedgerInvariant
{
    public async Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct)
    {
        var scan = context.Scan;
        var ledger = scan.Recomputed
            .Where(kv => scan.Charts.ContainsKey(kv.Key.Book))
            .Select(kv => (kv.Key.Book, Code: scan.Charts[kv.Key.Book][kv.Key.Account].Code, Net: kv.Value.Debit - kv.Value.Credit))
            .Where(x => x.Code.StartsWith("151", StringComparison.Ordinal) || x.Code.StartsWith("152", StringComparison.Ordinal))
            .GroupBy(x => (x.Book, Account: x.Code[..3]))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Net));
        var booksWithCards = (await context.Db.FixedAssets.AsNoTracking().Select(a => a.BookId).Distinct().ToListAsync(ct)).ToHashSet();
        var findings = new List<LedgerError>();
        foreach (var b in scan.Scope.Where(b => booksWithCards.Contains(b.Book.Id) || ledger.Keys.Any(k => k.Book == b.Book.Id)))
        {
            var standing = (await context.Assets.StatesAsync(b.Book.Id, null, ct)).Where(v => v.State.Disposed is null).ToList();
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

        return findings;
    }
}
