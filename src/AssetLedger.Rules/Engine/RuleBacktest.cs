using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Engine;

/// <summary>
/// <c>rules backtest</c>: one rule, with proposed parameters over the ones in force, over what is dated in a past
/// range — what it would have raised, read by the same fact sources as a run. Nothing is written.
/// </summary>
public sealed class RuleBacktest(LedgerDbContext ledger, RulesDbContext rules, BookDirectory books, FactReader reader)
{
    public async Task<Outcome<IReadOnlyList<BacktestFinding>>> RunAsync(
        string orgCode, string ruleId, DateOnly from, DateOnly to, IReadOnlyDictionary<string, decimal> proposed, CancellationToken ct = default)
    {
        var rule = RuleCatalog.All.FirstOrDefault(r => r.Definition.Id == ruleId);
        if (rule is null)
        {
            return new LedgerError("rule.unknown", $"'{ruleId}' is not a rule (see `rules list`)");
        }

        var unknown = proposed.Keys.Where(k => !rule.Definition.Defaults.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            return new LedgerError("rule.parameter_unknown",
                $"{ruleId} has no parameter {string.Join(", ", unknown)}; it has {string.Join(", ", rule.Definition.Defaults.Keys)}");
        }

        if (from > to)
        {
            return new LedgerError("backtest.range_invalid", $"the range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd})");
        }

        var scope = await books.FindBooksUnderAsync(orgCode, ct);
        if (!scope.Succeeded)
        {
            return Outcome<IReadOnlyList<BacktestFinding>>.Failure(scope.Errors);
        }

        var orgs = await ledger.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var settings = await RuleSettings.InForceAsync(rules, ct);
        var result = new List<BacktestFinding>();
        foreach (var b in scope.Value)
        {
            var inForce = RuleSettings.Resolve(rule.Definition, Organization.ChainOf(orgs, b.Organization.Id), settings).Values;
            var parameters = new RuleParameters(inForce.ToDictionary(p => p.Key, p => proposed.TryGetValue(p.Key, out var v) ? v : p.Value));
            var window = rule.Definition.Trigger == RuleTrigger.Calendar ? null : FactWindow.Between(from, to);
            var read = await reader.ReadAsync(b, window, to, [rule], new Dictionary<string, RuleParameters> { [ruleId] = parameters }, ct);
            result.AddRange(rule.Evaluate(read.Facts, parameters).Select(f => new BacktestFinding(b.Organization.Code, f)));
        }

        return Outcome<IReadOnlyList<BacktestFinding>>.Success(result);
    }
}
