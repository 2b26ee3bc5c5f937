using AssetLedger.Core.Resources;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.ResourceChange;

/// <summary>RESOURCE_CHANGE 资源变动: a resource's area, type, operating mode or operator changed (domain §3).</summary>
public sealed class ResourceChangeRule : IRule
{
    public RuleDefinition Definition { get; } = new("RESOURCE_CHANGE", "资源变动",
        "集体资源的面积、类型、经营方式或经营者发生变化。", new Dictionary<string, decimal>());

    public IReadOnlyList<IFactSource> Sources { get; } = [NewResourceEvents.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var (events, resources) = facts.Get(NewResourceEvents.Source);
        foreach (var e in events.Where(e => e.Kind != ResourceEventKind.Registered))
        {
            var r = resources[e.ResourceId];
            var (what, severity) = e.Kind switch
            {
                ResourceEventKind.AreaChanged => ($"面积由{Mu(e.Before)}亩变为{Mu(e.After)}亩", Severity.Serious),
                ResourceEventKind.TypeChanged => ($"类型由{TypeName(e.Before)}变为{TypeName(e.After)}", Severity.Warning),
                ResourceEventKind.ModeChanged => ($"经营方式由{ModeName(e.Before)}变为{ModeName(e.After)}", Severity.Warning),
                _ => ($"经营者由{e.Before ?? "集体"}变为{e.After}", Severity.Warning),
            };
            yield return new Finding(Definition.Id, severity, $"resource-event:{e.Id}", string.Empty, 0, e.Date,
                new { resource = r.Code, name = r.Name, kind = e.Kind.ToString(), before = e.Before, after = e.After, reason = e.Reason },
                $"{e.Date:yyyy-MM-dd}资源{r.Name}（{r.Code}）{what}，理由：{e.Reason}。资源发包、出租须经村民会议决议并公开。");
        }
    }

    private static string Mu(string? tenThousandths) => tenThousandths is null ? "?" : new Area(long.Parse(tenThousandths, System.Globalization.CultureInfo.InvariantCulture)).Mu.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string TypeName(string? type) => type is not null && Enum.TryParse<ResourceType>(type, out var t) ? ResourceNames.Name(t) : type ?? "?";

    private static string ModeName(string? mode) => mode is not null && Enum.TryParse<OperatingMode>(mode, out var m) ? ResourceNames.Name(m) : mode ?? "?";
}
