using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Facts;

namespace AssetLedger.Rules.RentOverdue;

/// <summary>RENT_OVERDUE 租金/承包费逾期: a scheduled installment is past due, by more than the grace days, and not fully received.</summary>
public sealed class RentOverdueRule : IRule
{
    public RuleDefinition Definition { get; } = new("RENT_OVERDUE", "租金/承包费逾期",
        "合同约定的租金或承包费已过应收日期仍未收齐。", new Dictionary<string, decimal> { ["grace_days"] = 0m }, RuleTrigger.Calendar);

    public IReadOnlyList<IFactSource> Sources { get; } = [ContractSchedules.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var cutoff = facts.AsOf.AddDays(-(int)parameters["grace_days"]);
        foreach (var c in facts.Get(ContractSchedules.Source))
        {
            foreach (var i in c.Installments.Where(i => i.Outstanding > 0 && i.Installment.Due < cutoff))
            {
                yield return new Finding(Definition.Id, i.Paid > 0 ? Severity.Warning : Severity.Serious, $"installment:{i.Installment.Id}", string.Empty,
                    i.Outstanding, i.Installment.Due,
                    new { contract = c.Contract.Number, counterparty = c.Contract.Counterparty, due = i.Installment.Due, amount = Money.FromFen(i.Installment.Amount).ToPlainString(), paid = Money.FromFen(i.Paid).ToPlainString() },
                    $"合同{c.Contract.Number}（{c.Contract.Counterparty}）第{i.Installment.Sequence}期应于{i.Installment.Due:yyyy-MM-dd}收取{Money.FromFen(i.Installment.Amount)}元，"
                    + $"截至{facts.AsOf:yyyy-MM-dd}尚欠{Money.FromFen(i.Outstanding)}元，请及时催收。");
            }
        }
    }
}
