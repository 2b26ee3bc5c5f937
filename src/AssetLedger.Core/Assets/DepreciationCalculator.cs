using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Assets;

/// <summary>An asset as it stands before a month's depreciation: what has been taken, and what it is doing.</summary>
/// <param name="UsageDone">Months (straight line) or units (units method) depreciated so far, opening included.</param>
public sealed record AssetState(FixedAsset Asset, long Accumulated, long UsageDone, AssetStatus Status, DateOnly? Disposed)
{
    public long BookValue => Asset.Cost - Accumulated;
}

/// <summary>
/// One asset's depreciation for one month, by the rules of domain §4: it starts the month after the asset is put
/// to use; an asset removed in a month is still depreciated that month; fully depreciated assets and idle ones
/// (buildings excepted) are not; it never goes below the residual value; amounts are rounded half away from zero to
/// 分 and the last period takes the remainder, so the total is exact. An asset brought in with depreciation already
/// taken spreads what remains over what remains of its life (or of its units).
/// </summary>
public static class DepreciationCalculator
{
    /// <returns>The amount in 分 and the usage it covers (1 month, or the units), or (0, 0) when nothing is due.</returns>
    public static (long Amount, long Usage) For(AssetState state, AccountingPeriod period, long unitsInPeriod = 0)
    {
        var asset = state.Asset;
        if (period <= AccountingPeriod.Of(asset.Acquired)
            || (state.Disposed is { } disposed && AccountingPeriod.Of(disposed) < period)
            || (state.Status == AssetStatus.Idle && !asset.IsBuilding))
        {
            return (0, 0);
        }

        var remaining = asset.Depreciable - state.Accumulated;
        if (remaining <= 0)
        {
            return (0, 0);
        }

        // The base of the rate: the whole life, or what remained of it when the card was brought in.
        var baseAmount = asset.Depreciable - asset.OpeningAccumulated;
        if (asset.Method == DepreciationMethod.StraightLine)
        {
            if (state.UsageDone >= asset.LifeMonths)
            {
                return (0, 0);
            }

            var monthly = Round(baseAmount, asset.LifeMonths - asset.OpeningUsage);
            return (state.UsageDone + 1 >= asset.LifeMonths ? remaining : Math.Min(monthly, remaining), 1);
        }

        if (unitsInPeriod <= 0)
        {
            return (0, 0);
        }

        var baseUnits = asset.TotalUnits - asset.OpeningUsage;
        return state.UsageDone + unitsInPeriod >= asset.TotalUnits
            ? (remaining, unitsInPeriod)
            : (Math.Min(Round(baseAmount * (decimal)unitsInPeriod, baseUnits), remaining), unitsInPeriod);
    }

    private static long Round(decimal amount, long divisor) =>
        divisor <= 0 ? (long)amount : (long)decimal.Round(amount / divisor, 0, MidpointRounding.AwayFromZero);
}
