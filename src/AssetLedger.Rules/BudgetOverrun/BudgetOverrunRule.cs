using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.BudgetOverrun;

/// <summary>
/// BUDGET_OVERRUN 费用超标: year-to-date spending on a budgeted expense account reaches the warning ratio of its budget
/// (a warning), or passes the budget (serious) — non-operating spending must not overrun (domain §3).
/// </summary>
public sealed class BudgetOverrunRule : IRule
{
    public RuleDefinition Definition { get; } = new("BUDGET_OVERRUN", "费用超标",
        "预算支出科目的本年累计支出达到预算的预警比例，或超过预算。", new Dictionary<string, decimal> { ["warn_ratio"] = 0.9m });

    public IReadOnlyList<IFactSource> Sources { get; } = [BudgetExecutionFacts.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var (period, lines) = facts.Get(BudgetExecutionFacts.Source);
        foreach (var b in lines.Where(b => b.IsExpense && b.Budget > 0))
        {
            var over = b.Actual > b.Budget;
            if (!over && b.Actual < parameters["warn_ratio"] * b.Budget)
            {
                continue;
            }

            var year = period!.Value.Year;
            yield return new Finding(Definition.Id, over ? Severity.Serious : Severity.Warning, $"budget:{b.BudgetId}", $"{(over ? "over" : "warn")}:{year}",
                b.Actual, period.Value.LastDay,
                new { account = b.AccountCode, budget = Money.FromFen(b.Budget).ToPlainString(), actual = Money.FromFen(b.Actual).ToPlainString(), rate = b.Rate },
                over
                    ? $"{b.AccountName}（{b.AccountCode}）截至{period}累计支出{Money.FromFen(b.Actual)}元，超过预算{Money.FromFen(b.Budget)}元，超支{Money.FromFen(b.Actual - b.Budget)}元。"
                    : $"{b.AccountName}（{b.AccountCode}）截至{period}累计支出{Money.FromFen(b.Actual)}元，已达预算{Money.FromFen(b.Budget)}元的{(b.Rate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%。");
        }
    }
}
