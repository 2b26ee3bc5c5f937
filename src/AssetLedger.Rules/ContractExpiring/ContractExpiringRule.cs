using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Facts;

namespace AssetLedger.Rules.ContractExpiring;

/// <summary>CONTRACT_EXPIRING 合同到期: a contract ends within N days of the evaluation date (domain §3: N = 90).</summary>
public sealed class ContractExpiringRule : IRule
{
    public RuleDefinition Definition { get; } = new("CONTRACT_EXPIRING", "合同到期",
        "发包或租赁合同将在规定天数内到期。", new Dictionary<string, decimal> { ["days"] = 90m }, RuleTrigger.Calendar);

    public IReadOnlyList<IFactSource> Sources { get; } = [ContractSchedules.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var horizon = facts.AsOf.AddDays((int)parameters["days"]);
        foreach (var c in facts.Get(ContractSchedules.Source).Where(c => c.End >= facts.AsOf && c.End <= horizon))
        {
            var days = c.End.DayNumber - facts.AsOf.DayNumber;
            yield return new Finding(Definition.Id, Severity.Info, $"contract:{c.Contract.Id}", c.End.ToString("yyyy-MM-dd"), c.AnnualAmount, facts.AsOf,
                new { contract = c.Contract.Number, counterparty = c.Contract.Counterparty, end = c.End, annualAmount = Money.FromFen(c.AnnualAmount).ToPlainString() },
                $"合同{c.Contract.Number}（{c.Contract.Counterparty}，年金额{Money.FromFen(c.AnnualAmount)}元）将于{c.End:yyyy-MM-dd}到期，还有{days}天，请及早按程序续签或重新发包。");
        }
    }
}
