namespace AssetLedger.Core.Audit;

/// <summary>The person (or job) on whose behalf a command runs; recorded in the audit log and on vouchers.</summary>
public sealed record Actor(string Name)
{
    public static Actor System { get; } = new("system");

    public override string ToString() => Name;
}
