namespace AssetLedger.Rules.Settings;

/// <summary>
/// A rule parameter set for an organization (a county default, a township or village override). Append-only: the
/// latest setting per (rule, organization, parameter) is in force, and the history is the audit.
/// </summary>
public sealed class RuleSetting
{
    public long Id { get; set; }

    public required string RuleId { get; init; }

    public int OrganizationId { get; init; }

    public required string Parameter { get; init; }

    public decimal Value { get; init; }

    public required string Reason { get; init; }

    public required string Actor { get; init; }

    public DateTime AtUtc { get; init; }
}
