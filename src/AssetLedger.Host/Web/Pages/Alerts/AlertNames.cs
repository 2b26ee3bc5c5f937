using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Host.Web.Pages.Alerts;

/// <summary>How the pages name an alert's rule, severity and state.</summary>
public static class AlertNames
{
    public static string Rule(string id) => RuleCatalog.All.FirstOrDefault(r => r.Definition.Id == id)?.Definition.Name ?? id;

    public static string State(AlertState state) => state switch
    {
        AlertState.Open => "待处理",
        AlertState.Acknowledged => "已确认",
        AlertState.Resolved => "已办结",
        _ => "已排除",
    };

    public static string SeverityClass(Severity severity) => "sev-" + severity.ToString().ToLowerInvariant();
}
