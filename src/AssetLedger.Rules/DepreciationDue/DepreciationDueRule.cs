using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.DepreciationDue;

/// <summary>
/// DEPRECIATION_DUE 折旧待计提, the monthly depreciation proposal (domain §4): from the last day of a month, while the
/// month has depreciation due and no run stands, the accountant is shown what <c>depreciation run</c> would post —
/// each asset's share and the total — once per book and month. Calendar-driven, in the daily checks.
/// </summary>
public sealed class DepreciationDueRule : IRule
{
    public RuleDefinition Definition { get; } = new("DEPRECIATION_DUE", "折旧待计提",
        "月末起，本月应计提的固定资产折旧尚未计提：列出拟计提的折旧，请核对后计提。", new Dictionary<string, decimal>(), RuleTrigger.Calendar);

    public IReadOnlyList<IFactSource> Sources { get; } = [DepreciationProposals.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        if (facts.Get(DepreciationProposals.Source).Proposal is not { Total: > 0 } proposal)
        {
            yield break;
        }

        var period = proposal.Period;
        var byAccount = proposal.Shares.GroupBy(s => s.ExpenseAccount).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {Money.FromFen(g.Sum(s => s.Amount))}元").ToList();
        yield return new Finding(Definition.Id, Severity.Info, $"depreciation:{period}", string.Empty, proposal.Total, period.LastDay,
            new
            {
                period = period.ToString(), total = Money.FromFen(proposal.Total).ToPlainString(),
                assets = proposal.Shares.Select(s => new { code = s.AssetCode, name = s.AssetName, account = s.ExpenseAccount, amount = Money.FromFen(s.Amount).ToPlainString() }),
            },
            $"{period.Year}年{period.Month}月应计提固定资产折旧{Money.FromFen(proposal.Total)}元（{proposal.Shares.Count}项资产；借{string.Join("，", byAccount)}，贷152累计折旧），"
            + "尚未计提；请核对后执行计提折旧。");
    }
}
