using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.CashOverLimit;

/// <summary>CASH_OVER_LIMIT 库存现金超限: cash (101) at the end of a day above the limit, or below zero.</summary>
public sealed class CashOverLimitRule : IRule
{
    public RuleDefinition Definition { get; } = new("CASH_OVER_LIMIT", "库存现金超限",
        "日终库存现金超过限额，或出现负数。", new Dictionary<string, decimal> { ["limit"] = 5_000m });

    public IReadOnlyList<IFactSource> Sources { get; } = [CashDays.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        foreach (var day in facts.Get(CashDays.Source))
        {
            if (day.Balance < 0)
            {
                yield return new Finding(Definition.Id, Severity.Serious, "account:101:negative", day.Date.ToString("yyyy-MM-dd"), day.Balance, day.Date,
                    new { date = day.Date, balance = Money.FromFen(day.Balance).ToPlainString() },
                    $"{day.Date:yyyy-MM-dd}日终库存现金为{Money.FromFen(day.Balance)}元，出现负数，账实不符或存在白条抵库。");
            }
            else if (day.Balance > parameters.Fen("limit"))
            {
                yield return new Finding(Definition.Id, Severity.Warning, "account:101", day.Date.ToString("yyyy-MM-dd"), day.Balance, day.Date,
                    new { date = day.Date, balance = Money.FromFen(day.Balance).ToPlainString(), limit = parameters["limit"] },
                    $"{day.Date:yyyy-MM-dd}日终库存现金{Money.FromFen(day.Balance)}元，超过{parameters["limit"]:#,##0}元的限额，应及时存入银行。");
            }
        }
    }
}
