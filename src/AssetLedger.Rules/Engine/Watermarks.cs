using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Engine;

/// <summary>
/// How far the engine has read each book's streams (vouchers, asset events, resource events): the streams' heads,
/// which books have entries past their marks, and the marks moved to the heads once a run has read them.
/// </summary>
public sealed class Watermarks(LedgerDbContext ledger, RulesDbContext rules)
{
    public async Task<Dictionary<int, RuleWatermark>> LoadAsync(CancellationToken ct) =>
        await rules.RuleWatermarks.AsNoTracking().ToDictionaryAsync(w => w.BookId, ct);

    /// <summary>The highest voucher, asset-event and resource-event ids in the ledger now.</summary>
    public async Task<StreamHeads> HeadsAsync(CancellationToken ct) => new(
        await ledger.Vouchers.MaxAsync(v => (long?)v.Id, ct) ?? 0,
        await ledger.AssetEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0,
        await ledger.ResourceEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0);

    /// <summary>
    /// The books with an entry past their watermark: one range read per stream, from the lowest watermark in scope to
    /// the head — so a run costs what was posted since, however many books are idle.
    /// </summary>
    public async Task<HashSet<int>> BooksWithNewEntriesAsync(IReadOnlyList<BookRef> scope, Dictionary<int, RuleWatermark> marks, StreamHeads heads, CancellationToken ct)
    {
        RuleWatermark Mark(BookRef b) => marks.GetValueOrDefault(b.Book.Id) ?? new RuleWatermark { BookId = b.Book.Id };
        var (v0, a0, r0) = (scope.Min(b => Mark(b).LastVoucherId), scope.Min(b => Mark(b).LastAssetEventId), scope.Min(b => Mark(b).LastResourceEventId));
        var vouchers = await ledger.Vouchers.AsNoTracking().Where(v => v.Id > v0 && v.Id <= heads.Voucher)
            .GroupBy(v => v.BookId).Select(g => new { g.Key, Head = g.Max(v => v.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        var assetEvents = await ledger.AssetEvents.AsNoTracking().Where(e => e.Id > a0 && e.Id <= heads.AssetEvent)
            .GroupBy(e => e.BookId).Select(g => new { g.Key, Head = g.Max(e => e.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        var resourceEvents = await ledger.ResourceEvents.AsNoTracking().Where(e => e.Id > r0 && e.Id <= heads.ResourceEvent)
            .GroupBy(e => e.BookId).Select(g => new { g.Key, Head = g.Max(e => e.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        return scope.Select(b => (Id: b.Book.Id, Mark: Mark(b)))
            .Where(b => vouchers.GetValueOrDefault(b.Id) > b.Mark.LastVoucherId || assetEvents.GetValueOrDefault(b.Id) > b.Mark.LastAssetEventId
                || resourceEvents.GetValueOrDefault(b.Id) > b.Mark.LastResourceEventId)
            .Select(b => b.Id).ToHashSet();
    }

    /// <summary>Every book in scope has been read up to the heads: one UPDATE for those with marks, an INSERT for the rest (saved with the run's transaction).</summary>
    public async Task MoveAsync(List<int> bookIds, Dictionary<int, RuleWatermark> marks, StreamHeads heads, DateTime now, CancellationToken ct)
    {
        var existing = bookIds.Where(marks.ContainsKey).ToList();
        foreach (var chunk in existing.Chunk(500))
        {
            await rules.RuleWatermarks.Where(w => chunk.Contains(w.BookId)).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.LastVoucherId, heads.Voucher)
                .SetProperty(w => w.LastAssetEventId, heads.AssetEvent)
                .SetProperty(w => w.LastResourceEventId, heads.ResourceEvent)
                .SetProperty(w => w.UpdatedAtUtc, now), ct);
        }

        rules.RuleWatermarks.AddRange(bookIds.Where(id => !marks.ContainsKey(id)).Select(id => new RuleWatermark
        {
            BookId = id, LastVoucherId = heads.Voucher, LastAssetEventId = heads.AssetEvent, LastResourceEventId = heads.ResourceEvent, UpdatedAtUtc = now,
        }));
    }
}
