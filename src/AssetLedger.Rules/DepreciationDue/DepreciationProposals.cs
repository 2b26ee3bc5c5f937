using AssetLedger.Core.Assets;
using AssetLedger.Core.Periods;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.DepreciationDue;

/// <summary>The month's depreciation as proposed on the run's day (null: nothing to propose).</summary>
public sealed record DepreciationFacts(DepreciationProposal? Proposal);

/// <summary>The depreciation proposed on a day: its own month on its last day, else the month before (Core's <see cref="DepreciationRuns"/>).</summary>
public sealed class DepreciationProposals : FactSource<DepreciationFacts>
{
    public static readonly DepreciationProposals Source = new();

    public override async Task<DepreciationFacts> ReadAsync(FactContext context, CancellationToken ct) =>
        new(await context.Services.Depreciation.ProposeAsync(context.BookId, MonthProposedOn(context.AsOf), ct));

    public static AccountingPeriod MonthProposedOn(DateOnly day)
    {
        var month = AccountingPeriod.Of(day);
        return day == month.LastDay ? month : AccountingPeriod.Of(month.FirstDay.AddDays(-1));
    }
}
