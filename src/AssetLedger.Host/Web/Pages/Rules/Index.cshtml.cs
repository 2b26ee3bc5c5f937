using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Settings;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Rules;

/// <summary>
/// 预警规则: every rule with its parameters as they apply to the organization and who set them; the township's
/// supervisor sets a threshold for the township or one of its villages, and backtests a proposal first (saves nothing).
/// </summary>
public sealed class IndexModel(AccessScope scope, RuleSettings settings, RuleBacktest backtests) : LedgerPageModel
{
    [FromQuery]
    public string? Org { get; set; }

    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<RuleInForce> Rules { get; private set; } = [];

    public bool MaySet { get; private set; }

    /// <summary>The backtest asked for, and what it found.</summary>
    public BacktestInput Backtest { get; private set; } = new();

    public IReadOnlyList<BacktestFinding>? Findings { get; private set; }

    public sealed class BacktestInput
    {
        public string? Rule { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        /// <summary>Proposed parameters, one <c>name=value</c> per line.</summary>
        public string? Parameters { get; set; }
    }

    [Requires(AccessScope.Action.Read, OrgSource.Query, Optional = true)]
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    [Requires(AccessScope.Action.Supervise, OrgSource.Query)]
    public async Task<IActionResult> OnPostSetAsync(string? rule, string? parameter, string? value, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }

        var v = ParameterText.Parse(value, "参数值");
        var set = v.Succeeded
            ? await settings.SetAsync(Org!, rule ?? string.Empty, parameter ?? string.Empty, v.Value, reason ?? string.Empty, ct)
            : Outcome<RuleSetting>.Failure(v.Errors);
        Report(set.Map(s => $"{AlertNamesFor(s.RuleId)} 的参数 {s.Parameter} 已设为 {s.Value:0.##}，适用于{Organization.Name}"));
        return await LoadAsync(ct) ?? Page();
    }

    [Requires(AccessScope.Action.Read, OrgSource.Query)]
    public async Task<IActionResult> OnPostBacktestAsync(BacktestInput backtest, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } missing)
        {
            return missing;
        }

        Backtest = backtest;
        var errors = new List<LedgerError>();
        var from = CsvTable.ParseDate(backtest.From ?? string.Empty);
        var to = CsvTable.ParseDate(backtest.To ?? string.Empty);
        errors.AddRange(from.Errors.Select(e => e.At("起始日期")));
        errors.AddRange(to.Errors.Select(e => e.At("截止日期")));
        var proposed = ParameterText.ParseAssignments((backtest.Parameters ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), "拟定参数");
        errors.AddRange(proposed.Errors);
        var found = errors.Count == 0 ? await backtests.RunAsync(Org!, backtest.Rule ?? string.Empty, from.Value, to.Value, proposed.Value, ct) : null;
        if (found is { Succeeded: true })
        {
            Findings = found.Value;
            return Page();
        }

        Refuse([.. errors, .. found?.Errors ?? []]);
        return Page();
    }

    public static string AlertNamesFor(string ruleId) => Alerts.AlertNames.Rule(ruleId);

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        // None named: the user's first township, else the first organization they may read.
        var org = HttpContext.GrantedOrganization();
        if (org is null)
        {
            var readable = await scope.ReadableAsync(User, ct);
            org = readable.FirstOrDefault(o => o.Level == OrganizationLevel.Township) ?? (readable.Count > 0 ? readable[0] : null);
            if (org is null)
            {
                return NotFound();
            }
        }

        Org = org.Code;
        Organization = org;
        MaySet = await scope.AllowsAsync(User, AccessScope.Action.Supervise, org.Id, ct);
        Rules = (await settings.InForceForAsync(Org, ct)).Value;
        return null;
    }
}
