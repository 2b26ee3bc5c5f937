using AssetLedger.Core.Resources;
using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.ResourceChange;

/// <summary>The resource register's new events, with the resources they are about.</summary>
public sealed record ResourceEventFacts(IReadOnlyList<ResourceEvent> Events, IReadOnlyDictionary<long, Resource> Resources) : IRegisterEvents
{
    public int Count => Events.Count;
}

/// <summary>Resource events past the watermark (or dated in a backtest's range), in id order, with their resources.</summary>
public sealed class NewResourceEvents : FactSource<ResourceEventFacts>
{
    public static readonly NewResourceEvents Source = new();

    public override async Task<ResourceEventFacts> ReadAsync(FactContext context, CancellationToken ct)
    {
        if (context.Window is not { } w)
        {
            return new([], new Dictionary<long, Resource>());
        }

        var ledger = context.Services.Ledger;
        var events = await ledger.ResourceEvents.AsNoTracking()
            .Where(e => e.BookId == context.BookId && e.Id > w.AfterResourceEvent && e.Id <= w.ThroughResourceEvent && e.Date >= w.Vouchers.From && e.Date <= w.Vouchers.To)
            .OrderBy(e => e.Id).ToListAsync(ct);
        var resourceIds = events.Select(e => e.ResourceId).Distinct().ToList();
        return new(events, await ledger.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct));
    }
}
