using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Settings;

/// <summary>
/// Rule parameters as data: defaults from the domain notes, overridden by a county, then a township, then a village —
/// the nearest setting wins. Every setting is kept (append-only), with who set it, when and why.
/// </summary>
public sealed class RuleSettings(RulesDbContext rules, BookDirectory books, Actor actor, TimeProvider time)
{
    public async Task<Outcome<RuleSetting>> SetAsync(string orgCode, string ruleId, string parameter, decimal value, string reason, CancellationToken ct = default)
    {
        var org = await books.FindOrganizationAsync(orgCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<RuleSetting>.Failure(org.Errors);
        }

        var rule = RuleCatalog.All.FirstOrDefault(r => r.Definition.Id == ruleId);
        if (rule is null)
        {
            return new LedgerError("rule.unknown", $"no rule has id {ruleId} (see `rules list`)");
        }

        if (!rule.Definition.Defaults.ContainsKey(parameter))
        {
            return new LedgerError("rule.parameter_unknown",
                $"{ruleId} has no parameter {parameter}{(rule.Definition.Defaults.Count == 0 ? string.Empty : $" (it has {string.Join(", ", rule.Definition.Defaults.Keys)})")}");
        }

        if (value < 0 || value != decimal.Round(value, 2))
        {
            return new LedgerError("rule.value_invalid", $"{value} must be zero or more, with at most two decimals");
        }

        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        var setting = new RuleSetting
        {
            RuleId = ruleId, OrganizationId = org.Value.Id, Parameter = parameter, Value = value, Reason = reason.Trim(),
            Actor = actor.Name, AtUtc = LedgerClock.UtcNow(time),
        };
        rules.RuleSettings.Add(setting);
        await rules.SaveChangesAsync(ct);
        return Outcome<RuleSetting>.Success(setting);
    }

    /// <summary>
    /// Every rule with each parameter as it applies to <paramref name="orgCode"/>: its value, and where it comes from —
    /// the catalog's default or the nearest organization (this one, its township or county) that set it.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<RuleInForce>>> InForceForAsync(string orgCode, CancellationToken ct = default)
    {
        var org = await books.FindOrganizationAsync(orgCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<IReadOnlyList<RuleInForce>>.Failure(org.Errors);
        }

        var orgs = await books.OrganizationsAsync(ct);
        var chain = Organization.ChainOf(orgs, org.Value.Id);
        var inForce = await InForceAsync(rules, ct);
        var result = RuleCatalog.All.Select(r => new RuleInForce(r.Definition, r.Definition.Defaults.Select(d =>
        {
            var from = chain.FirstOrDefault(o => inForce.ContainsKey((r.Definition.Id, o, d.Key)), -1);
            return from < 0
                ? new ParameterInForce(d.Key, d.Value, d.Value, SetBy: null)
                : new ParameterInForce(d.Key, inForce[(r.Definition.Id, from, d.Key)], d.Value, orgs[from].Code);
        }).ToList())).ToList();
        return Outcome<IReadOnlyList<RuleInForce>>.Success(result);
    }

    /// <summary>The latest setting per (rule, organization, parameter).</summary>
    internal static async Task<Dictionary<(string Rule, int Org, string Parameter), decimal>> InForceAsync(RulesDbContext rules, CancellationToken ct) =>
        (await rules.RuleSettings.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .GroupBy(s => (s.RuleId, s.OrganizationId, s.Parameter))
            .ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>Each parameter from the nearest organization of <paramref name="chain"/> that set it, else its default.</summary>
    internal static RuleParameters Resolve(RuleDefinition rule, IReadOnlyList<int> chain, Dictionary<(string, int, string), decimal> inForce) =>
        new(rule.Defaults.ToDictionary(
            d => d.Key,
            d => chain.Select(org => inForce.TryGetValue((rule.Id, org, d.Key), out var v) ? v : (decimal?)null).FirstOrDefault(v => v is not null) ?? d.Value));
}

/// <summary>A rule of the catalog with its parameters as they apply to one organization.</summary>
public sealed record RuleInForce(RuleDefinition Rule, IReadOnlyList<ParameterInForce> Parameters);

/// <summary>A parameter's value in force, its catalog default, and the organization that set it (null: the default).</summary>
public sealed record ParameterInForce(string Name, decimal Value, decimal Default, string? SetBy);
