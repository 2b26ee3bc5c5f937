namespace AssetLedger.Core.Assets;

/// <summary>
/// A fixed-asset card (固定资产卡片): the facts of the acquisition, immutable once registered. What happens to the
/// asset later — status changes, usage, disposal — is an <see cref="AssetEvent"/>; its depreciation is in
/// <see cref="DepreciationEntry"/>s; its book value is derived, never typed.
/// </summary>
public sealed class FixedAsset
{
    public long Id { get; set; }

    public int BookId { get; init; }

    /// <summary>编号, unique in the book.</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>类别: 房屋及建筑物, 机器设备, 交通运输工具, 电子设备, 家具用具, …</summary>
    public required string Category { get; init; }

    public string? Specification { get; init; }

    public string? Location { get; init; }

    public string? Custodian { get; init; }

    /// <summary>开始使用日期: depreciation starts the month after.</summary>
    public DateOnly Acquired { get; init; }

    public int Quantity { get; init; } = 1;

    /// <summary>原值 in 分.</summary>
    public long Cost { get; init; }

    public int LifeMonths { get; init; }

    /// <summary>净残值率 in basis points: 500 is 5%.</summary>
    public int ResidualRateBasisPoints { get; init; }

    public DepreciationMethod Method { get; init; }

    /// <summary>For <see cref="DepreciationMethod.Units"/>: the total work the asset will do (hours, km, …).</summary>
    public long TotalUnits { get; init; }

    public AssetUse Use { get; init; }

    /// <summary>已提折旧 when the card was registered (an existing asset brought in), in 分.</summary>
    public long OpeningAccumulated { get; init; }

    /// <summary>Months (straight line) or units (units method) already depreciated when registered.</summary>
    public long OpeningUsage { get; init; }

    /// <summary>How it came: 购入, 自建, 捐赠, 投资投入, 财政项目, 盘盈, 期初登记.</summary>
    public required string Origin { get; init; }

    public DateTime RegisteredAtUtc { get; init; }

    public long Residual => ResidualOf(Cost, ResidualRateBasisPoints);

    /// <summary>What depreciation may take in total: cost less residual value.</summary>
    public long Depreciable => Cost - Residual;

    /// <summary>净残值: cost × rate, rounded half away from zero to 分.</summary>
    public static long ResidualOf(long cost, int rateBasisPoints) =>
        (long)decimal.Round(cost * (decimal)rateBasisPoints / 10000m, 0, MidpointRounding.AwayFromZero);

    public bool IsBuilding => Category.Contains("房屋", StringComparison.Ordinal) || Category.Contains("建筑", StringComparison.Ordinal);
}

public enum DepreciationMethod
{
    /// <summary>年限平均法.</summary>
    StraightLine = 1,

    /// <summary>工作量法.</summary>
    Units = 2,
}

/// <summary>Who bears the depreciation: 生产 → 401, 管理 → 513, 公益 → 514.</summary>
public enum AssetUse
{
    Production = 1,
    Management = 2,
    Public = 3,
}

/// <summary>
/// Something that happened to an asset: its registration, a status change, usage in a month, its disposal. Append-
/// only, with increasing ids, so that a rule can read "what changed since id X" through the primary key.
/// </summary>
public sealed class AssetEvent
{
    public long Id { get; set; }

    public long AssetId { get; init; }

    public int BookId { get; init; }

    public DateOnly Date { get; init; }

    public AssetEventKind Kind { get; init; }

    /// <summary>The reason as the accountant gives it: 购入, 出售, 报废, 出租, 闲置, …</summary>
    public required string Reason { get; init; }

    /// <summary>The status after a status change.</summary>
    public AssetStatus? Status { get; init; }

    /// <summary>The lessee, borrower or buyer (承租方).</summary>
    public string? Counterparty { get; init; }

    /// <summary>Units of work in the month (usage), for the units method.</summary>
    public long Units { get; init; }

    /// <summary>Proceeds of a disposal, in 分.</summary>
    public long Amount { get; init; }

    /// <summary>Book value at a disposal, in 分: what a rule compares the proceeds with.</summary>
    public long BookValue { get; init; }

    /// <summary>The voucher that books the event, when it has one.</summary>
    public long? VoucherId { get; init; }

    public DateTime AtUtc { get; init; }

    public required string Actor { get; init; }
}

public enum AssetEventKind
{
    Registered = 1,
    StatusChanged = 2,
    Usage = 3,
    Disposed = 4,
}

/// <summary>使用状态. Status changes need no voucher; idle non-building assets are not depreciated.</summary>
public enum AssetStatus
{
    /// <summary>在用/自营.</summary>
    InUse = 1,

    /// <summary>出租.</summary>
    Leased = 2,

    /// <summary>出借.</summary>
    Lent = 3,

    /// <summary>发包.</summary>
    Contracted = 4,

    /// <summary>闲置.</summary>
    Idle = 5,
}

/// <summary>The Chinese names of <see cref="AssetStatus"/>, as the register shows them and as people type them.</summary>
public static class AssetStatusNames
{
    public const string Choices = "在用, 出租, 出借, 发包 or 闲置";

    /// <summary>在用 (also 自营), 出租, 出借, 发包, 闲置 — or their English names in-use, leased, lent, contracted, idle.</summary>
    public static AssetStatus? Parse(string? text) => (text ?? string.Empty).Trim() switch
    {
        "在用" or "自营" or "in-use" => AssetStatus.InUse,
        "出租" or "leased" => AssetStatus.Leased,
        "出借" or "lent" => AssetStatus.Lent,
        "发包" or "contracted" => AssetStatus.Contracted,
        "闲置" or "idle" => AssetStatus.Idle,
        _ => null,
    };

    public static string Name(AssetStatus status) => status switch
    {
        AssetStatus.Leased => "出租",
        AssetStatus.Lent => "出借",
        AssetStatus.Contracted => "发包",
        AssetStatus.Idle => "闲置",
        _ => "在用",
    };
}

/// <summary>One month's depreciation run of a book and the voucher it posted; a run whose voucher was reversed no longer stands.</summary>
public sealed class DepreciationRun
{
    public long Id { get; set; }

    public int BookId { get; init; }

    public int Period { get; init; }

    /// <summary>1 for the month's first run; a run whose voucher was reversed is followed by the next.</summary>
    public int Sequence { get; init; }

    public long VoucherId { get; init; }

    public DateTime AtUtc { get; init; }
}

/// <summary>One asset's depreciation in one run.</summary>
public sealed class DepreciationEntry
{
    public long Id { get; set; }

    public long RunId { get; init; }

    public long AssetId { get; init; }

    public int Period { get; init; }

    public long Amount { get; init; }

    /// <summary>Months (1) or units of work this entry depreciated.</summary>
    public long Usage { get; init; }
}
