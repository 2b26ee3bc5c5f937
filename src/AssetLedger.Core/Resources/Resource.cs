using System.Globalization;
using AssetLedger.Core.Common;

namespace AssetLedger.Core.Resources;

/// <summary>
/// A collective resource (资源): a parcel of land or water, as registered. Immutable; changes of area, type, operating
/// mode or operator are <see cref="ResourceEvent"/>s, and the current state is derived from them.
/// </summary>
public sealed class Resource
{
    public long Id { get; set; }

    public int BookId { get; init; }

    /// <summary>编号, unique in the book.</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    public ResourceType Type { get; init; }

    /// <summary>坐落.</summary>
    public string? Location { get; init; }

    /// <summary>四至: what bounds it to the east, south, west and north.</summary>
    public string? East { get; init; }

    public string? South { get; init; }

    public string? West { get; init; }

    public string? North { get; init; }

    /// <summary>面积 in ten-thousandths of a 亩 (exact, summable); see <see cref="Area"/>.</summary>
    public long AreaTenThousandths { get; init; }

    /// <summary>权属证号.</summary>
    public string? Certificate { get; init; }

    public OperatingMode Mode { get; init; }

    /// <summary>The household, lessee or company operating it, if not the collective.</summary>
    public string? Operator { get; init; }

    public DateTime RegisteredAtUtc { get; init; }

    public Area Area => new(AreaTenThousandths);
}

/// <summary>An area in 亩, exact to 0.0001 亩.</summary>
public readonly record struct Area(long TenThousandths)
{
    public decimal Mu => TenThousandths / 10000m;

    public override string ToString() => Mu.ToString("0.####", CultureInfo.InvariantCulture) + " 亩";

    /// <summary>Parses <c>12.5</c> or <c>12.3456</c> (亩): positive, at most four decimals.</summary>
    public static Outcome<Area> Parse(string? text)
    {
        var s = (text ?? string.Empty).Trim().Replace("亩", string.Empty, StringComparison.Ordinal).Trim();
        if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var mu))
        {
            var units = mu * 10000m;
            if (units == decimal.Truncate(units) && units > 0 && units < long.MaxValue / 1000)
            {
                return Outcome<Area>.Success(new Area((long)units));
            }
        }

        return new LedgerError("area.invalid", $"'{text}' is not an area in 亩: a positive number with at most four decimals, like 12.35");
    }
}

public enum ResourceType
{
    /// <summary>耕地.</summary>
    Farmland = 1,

    /// <summary>林地.</summary>
    Forest = 2,

    /// <summary>草地.</summary>
    Grassland = 3,

    /// <summary>园地.</summary>
    Orchard = 4,

    /// <summary>滩涂.</summary>
    Tidal = 5,

    /// <summary>水面.</summary>
    Water = 6,

    /// <summary>四荒地 (荒山, 荒沟, 荒丘, 荒滩).</summary>
    Wasteland = 7,

    /// <summary>集体建设用地.</summary>
    ConstructionLand = 8,

    /// <summary>其他.</summary>
    Other = 9,
}

/// <summary>经营方式.</summary>
public enum OperatingMode
{
    /// <summary>家庭承包.</summary>
    HouseholdContract = 1,

    /// <summary>发包.</summary>
    ContractedOut = 2,

    /// <summary>出租.</summary>
    Leased = 3,

    /// <summary>入股.</summary>
    Shares = 4,

    /// <summary>自营.</summary>
    SelfOperated = 5,

    /// <summary>闲置.</summary>
    Idle = 6,
}

/// <summary>A change to a resource, append-only with increasing ids ("what changed since id X" is a primary-key range).</summary>
public sealed class ResourceEvent
{
    public long Id { get; set; }

    public long ResourceId { get; init; }

    public int BookId { get; init; }

    public DateOnly Date { get; init; }

    public ResourceEventKind Kind { get; init; }

    /// <summary>The value before and after, as text (an area in 亩, a type, a mode, an operator).</summary>
    public string? Before { get; init; }

    public string? After { get; init; }

    public required string Reason { get; init; }

    public DateTime AtUtc { get; init; }

    public required string Actor { get; init; }
}

public enum ResourceEventKind
{
    Registered = 1,
    AreaChanged = 2,
    TypeChanged = 3,
    ModeChanged = 4,
    OperatorChanged = 5,
}

/// <summary>The Chinese names the register and its files use.</summary>
public static class ResourceNames
{
    public static readonly IReadOnlyDictionary<string, ResourceType> Types = new Dictionary<string, ResourceType>(StringComparer.Ordinal)
    {
        ["耕地"] = ResourceType.Farmland, ["林地"] = ResourceType.Forest, ["草地"] = ResourceType.Grassland, ["园地"] = ResourceType.Orchard,
        ["滩涂"] = ResourceType.Tidal, ["水面"] = ResourceType.Water, ["四荒地"] = ResourceType.Wasteland, ["荒山"] = ResourceType.Wasteland,
        ["荒沟"] = ResourceType.Wasteland, ["荒丘"] = ResourceType.Wasteland, ["荒滩"] = ResourceType.Wasteland,
        ["集体建设用地"] = ResourceType.ConstructionLand, ["其他"] = ResourceType.Other,
    };

    public static readonly IReadOnlyDictionary<string, OperatingMode> Modes = new Dictionary<string, OperatingMode>(StringComparer.Ordinal)
    {
        ["家庭承包"] = OperatingMode.HouseholdContract, ["发包"] = OperatingMode.ContractedOut, ["出租"] = OperatingMode.Leased,
        ["入股"] = OperatingMode.Shares, ["自营"] = OperatingMode.SelfOperated, ["闲置"] = OperatingMode.Idle,
    };

    public static string Name(ResourceType type) => Types.First(kv => kv.Value == type).Key;

    public static string Name(OperatingMode mode) => Modes.First(kv => kv.Value == mode).Key;
}
