using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.StaleBalance;

/// <summary>
/// STALE_BALANCE 往来款长期挂账: a receivable or payable (112 应收款, 113 内部往来, 211 应付款) with one counterparty
/// that has not moved for more than <c>months</c> months (domain §3, N = 12). Date-driven: evaluated against the
/// run's day. One alert per balance and the month it last moved; if it moves and goes stale again, a new one.
/// </summary>
public sealed class StaleBalanceRule : IRule
{
    public RuleDefinition Definition { get; } = new("STALE_BALANCE", "往来款长期挂账",
        "应收、内部往来或应付款项的某一往来单位余额超过规定月数未发生变动。", new Dictionary<string, decimal> { ["months"] = 12m }, RuleTrigger.Calendar);

    public IReadOnlyList<IFactSource> Sources { get; } = [CounterpartyBalances.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var limit = (int)parameters["months"];
        foreach (var b in facts.Get(CounterpartyBalances.Source))
        {
            var (year, month) = b.LastMoved;
            var idle = ((facts.AsOf.Year * 12) + facts.AsOf.Month) - ((year * 12) + month);
            if (idle <= limit)
            {
                continue;
            }

            var amount = Math.Abs(b.Balance);
            yield return new Finding(Definition.Id, Severity.Warning, $"balance:{b.AccountCode}:{b.Counterparty}", $"since:{b.LastPeriodKey}", amount, facts.AsOf,
                new { account = b.AccountCode, counterparty = b.Counterparty, balance = Money.FromFen(b.Balance).ToPlainString(), lastMoved = $"{year}-{month:00}", months = idle },
                $"{b.AccountName}—{b.Counterparty}余额{Money.FromFen(amount)}元，自{year}年{month}月以来{idle}个月未发生变动，超过{limit}个月，请核实清理。");
        }
    }
}
