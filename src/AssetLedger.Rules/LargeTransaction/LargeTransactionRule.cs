using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.LargeTransaction;

/// <summary>
/// LARGE_TXN 大额收支: one voucher moving cash or bank at or above a tier. Worse without a linked resolution (决议,
/// 四议两公开); at the top tier the matter must also be disclosed at once (domain §3).
/// </summary>
public sealed class LargeTransactionRule : IRule
{
    public RuleDefinition Definition { get; } = new("LARGE_TXN", "大额收支",
        "一张凭证的现金或银行收付达到大额标准；未关联决议的更为严重。",
        new Dictionary<string, decimal> { ["tier1"] = 5_000m, ["tier2"] = 20_000m, ["tier3"] = 50_000m });

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        foreach (var v in facts.NewVouchers.Where(v => v.Reverses is null))
        {
            var amount = v.CashMoved;
            var tier = amount >= parameters.Fen("tier3") ? 3 : amount >= parameters.Fen("tier2") ? 2 : amount >= parameters.Fen("tier1") ? 1 : 0;
            if (tier == 0)
            {
                continue;
            }

            var resolved = !string.IsNullOrWhiteSpace(v.Resolution);
            var severity = (Severity)Math.Min((int)Severity.Critical, tier + (resolved ? 0 : 1));
            var explanation = $"凭证{v.Number}（{v.Date:yyyy-MM-dd}）现金/银行收付{Money.FromFen(amount)}元，达到{parameters[$"tier{tier}"]:#,##0}元的大额标准，"
                + (resolved ? $"已关联决议{v.Resolution}。" : "未关联村民会议或“四议两公开”决议，请核实审批手续。")
                + (tier == 3 ? "按规定应即时公开。" : string.Empty);
            yield return new Finding(Definition.Id, severity, $"voucher:{v.Id}", string.Empty, amount, v.Date,
                new { voucher = v.Number, voucherId = v.Id, amount = Money.FromFen(amount).ToPlainString(), resolution = v.Resolution, summary = v.Lines[0].Summary }, explanation);
        }
    }
}
