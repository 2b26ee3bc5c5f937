using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.OneMatterOverspend;

/// <summary>ONE_MATTER_OVERSPEND 一事一议资金超支: 231 has a debit balance after this run's postings.</summary>
public sealed class OneMatterOverspendRule : IRule
{
    public RuleDefinition Definition { get; } = new("ONE_MATTER_OVERSPEND", "一事一议资金超支",
        "一事一议资金出现借方余额，即支出超过筹集。", new Dictionary<string, decimal>());

    public IReadOnlyList<IFactSource> Sources { get; } = [OneMatterBalance.Source];

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        if (facts.Get(OneMatterBalance.Source).Balance is { } balance && balance > 0)
        {
            var last = facts.NewVouchers.Max(v => v.Date);
            yield return new Finding(Definition.Id, Severity.Serious, "account:231", last.ToString("yyyy-MM"), balance, last,
                new { account = "231", debitBalance = Money.FromFen(balance).ToPlainString() },
                $"一事一议资金出现借方余额{Money.FromFen(balance)}元，支出已超过筹集数，请核查超支原因。");
        }
    }
}
