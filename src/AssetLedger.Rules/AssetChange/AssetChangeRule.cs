using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.AssetChange;

/// <summary>
/// ASSET_CHANGE 资产变动: an asset added, leased, lent, contracted out or left idle, or disposed of — disposal and
/// leasing need a members' meeting decision, and a disposal below book value is serious (domain §3).
/// </summary>
public sealed class AssetChangeRule : IRule
{
    public RuleDefinition Definition { get; } = new("ASSET_CHANGE", "资产变动",
        "固定资产增加、出租、出借、发包、闲置或处置；低于账面价值处置的更为严重。", new Dictionary<string, decimal>());

    public IReadOnlyList<IFactSource> Sources { get; } = [NewAssetEvents.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var (events, assets) = facts.Get(NewAssetEvents.Source);
        foreach (var e in events)
        {
            var asset = assets[e.AssetId];
            var what = $"{asset.Name}（{asset.Code}，原值{Money.FromFen(asset.Cost)}元）";
            var (severity, explanation) = e.Kind switch
            {
                AssetEventKind.Registered => (Severity.Info, $"{e.Date:yyyy-MM-dd}登记资产{what}，方式：{e.Reason}。"),
                AssetEventKind.Disposed when e.Amount < e.BookValue => (Severity.Serious,
                    $"{e.Date:yyyy-MM-dd}以{Money.FromFen(e.Amount)}元{e.Reason}{what}，低于账面价值{Money.FromFen(e.BookValue)}元，请核实是否经成员大会决议及评估。"),
                AssetEventKind.Disposed => (Severity.Warning, $"{e.Date:yyyy-MM-dd}{e.Reason}{what}，处置收入{Money.FromFen(e.Amount)}元，请核实决议手续。"),
                AssetEventKind.StatusChanged when e.Status is AssetStatus.Leased or AssetStatus.Lent or AssetStatus.Contracted => (Severity.Warning,
                    $"{e.Date:yyyy-MM-dd}{what}{e.Reason}给{e.Counterparty}，出租、出借须经村民会议决议。"),
                AssetEventKind.StatusChanged => (Severity.Info, $"{e.Date:yyyy-MM-dd}{what}状态变为{e.Reason}。"),
                _ => (Severity.Info, string.Empty),
            };
            if (explanation.Length == 0)
            {
                continue; // usage is routine work, not a change of the asset
            }

            yield return new Finding(Definition.Id, severity, $"asset-event:{e.Id}", string.Empty, e.Kind == AssetEventKind.Disposed ? e.BookValue : asset.Cost, e.Date,
                new { asset = asset.Code, name = asset.Name, kind = e.Kind.ToString(), reason = e.Reason, proceeds = e.Amount, bookValue = e.BookValue, voucherId = e.VoucherId, counterparty = e.Counterparty },
                explanation);
        }
    }
}
