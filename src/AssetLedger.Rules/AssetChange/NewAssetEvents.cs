using AssetLedger.Core.Assets;
using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.AssetChange;

/// <summary>The fixed-asset register's new events, with the cards they are about.</summary>
public sealed record AssetEventFacts(IReadOnlyList<AssetEvent> Events, IReadOnlyDictionary<long, FixedAsset> Assets) : IRegisterEvents
{
    public int Count => Events.Count;
}

/// <summary>Asset events past the watermark (or dated in a backtest's range), in id order, with their cards.</summary>
public sealed class NewAssetEvents : FactSource<AssetEventFacts>
{
    public static readonly NewAssetEvents Source = new();

    public override async Task<AssetEventFacts> ReadAsync(FactContext context, CancellationToken ct)
    {
        if (context.Window is not { } w)
        {
            return new([], new Dictionary<long, FixedAsset>());
        }

        var ledger = context.Services.Ledger;
        var events = await ledger.AssetEvents.AsNoTracking()
            .Where(e => e.BookId == context.BookId && e.Id > w.AfterAssetEvent && e.Id <= w.ThroughAssetEvent && e.Date >= w.Vouchers.From && e.Date <= w.Vouchers.To)
            .OrderBy(e => e.Id).ToListAsync(ct);
        var assetIds = events.Select(e => e.AssetId).Distinct().ToList();
        return new(events, await ledger.FixedAssets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct));
    }
}
