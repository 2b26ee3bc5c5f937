using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.SplitPayment;

/// <summary>
/// SPLIT_PAYMENT 拆分支付: several payments out of cash or bank to one counterparty within <c>days</c> days, each
/// under <c>threshold</c>, together reaching it — the way a large payment avoids the large-transaction controls
/// (domain §3). The alert is raised by the payment that makes the total cross the threshold; later payments in the
/// same stretch add nothing new. Payments at or above the threshold are LARGE_TXN's, and reversed ones do not count.
/// </summary>
public sealed class SplitPaymentRule : IRule
{
    public const string Id = "SPLIT_PAYMENT";

    public RuleDefinition Definition { get; } = new(Id, "拆分支付",
        "短期内向同一对象的多笔支付各自低于大额标准、合计达到大额标准。",
        new Dictionary<string, decimal> { ["threshold"] = 5_000m, ["days"] = 30m });

    public IReadOnlyList<IFactSource> Sources { get; } = [EarlierPayments.Source];

    /// <summary>How many days before a payment count towards its stretch (at least 1, at most a year).</summary>
    public static int LookBackDays(RuleParameters parameters) => (int)Math.Clamp(parameters["days"], 1, EarlierPayments.LongestLookBackDays);

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var threshold = parameters.Fen("threshold");
        var days = LookBackDays(parameters);
        var (earlier, reversed) = facts.Get(EarlierPayments.Source);
        bool Counts(PaymentFact p) => !reversed.Contains(p.VoucherId) && p.Amount < threshold;

        foreach (var group in facts.NewPayments.Where(Counts).GroupBy(p => p.Counterparty))
        {
            // In date order, the stretch ending at each payment is the window of the last `days` days: two pointers.
            var all = earlier.Where(p => p.Counterparty == group.Key).Where(Counts).Concat(group)
                .DistinctBy(p => p.VoucherId).OrderBy(p => p.Date).ThenBy(p => p.VoucherId).ToList();
            var fresh = group.Select(p => p.VoucherId).ToHashSet();
            var (start, total) = (0, 0L);
            for (var i = 0; i < all.Count; i++)
            {
                var payment = all[i];
                total += payment.Amount;
                for (; all[start].Date <= payment.Date.AddDays(-days); start++)
                {
                    total -= all[start].Amount;
                }

                if (!fresh.Contains(payment.VoucherId) || i == start || total < threshold || total - payment.Amount >= threshold)
                {
                    continue;
                }

                var stretch = all.GetRange(start, i - start + 1);
                yield return new Finding(Definition.Id, Severity.Warning, $"counterparty:{group.Key}", $"voucher:{payment.VoucherId}", total, payment.Date,
                    new
                    {
                        counterparty = group.Key, total = Money.FromFen(total).ToPlainString(), days,
                        payments = stretch.Select(p => new { voucher = p.Number, date = p.Date, amount = Money.FromFen(p.Amount).ToPlainString() }),
                    },
                    $"{days}天内向{group.Key}支付{stretch.Count}笔（{string.Join("、", stretch.Select(p => p.Number))}），每笔均低于{parameters["threshold"]:#,##0}元，"
                    + $"合计{Money.FromFen(total)}元，疑似拆分支付规避大额审批。");
            }
        }
    }
}
