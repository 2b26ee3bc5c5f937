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
    public RuleDefinition Definition { get; } = new("SPLIT_PAYMENT", "拆分支付",
        "短期内向同一对象的多笔支付各自低于大额标准、合计达到大额标准。",
        new Dictionary<string, decimal> { ["threshold"] = 5_000m, ["days"] = 30m });

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var threshold = parameters.Fen("threshold");
        var days = (int)Math.Clamp(parameters["days"], 1, RuleFacts.PaymentLookBackDays);
        bool Counts(VoucherFact v) =>
            v.Reverses is null && !facts.ReversedVoucherIds.Contains(v.Id) && v.Counterparty is not null && v.CashPaid > 0 && v.CashPaid < threshold;

        var fresh = facts.NewVouchers.Where(Counts).ToList();
        foreach (var group in fresh.GroupBy(v => v.Counterparty!))
        {
            var all = facts.EarlierPayments.Where(Counts).Where(v => v.Counterparty == group.Key).Concat(group)
                .DistinctBy(v => v.Id).OrderBy(v => v.Date).ThenBy(v => v.Id).ToList();
            foreach (var payment in group)
            {
                var at = all.IndexOf(payment);
                var stretch = all.Take(at + 1).Where(v => v.Date > payment.Date.AddDays(-days)).ToList();
                var total = stretch.Sum(v => v.CashPaid);
                if (stretch.Count < 2 || total < threshold || total - payment.CashPaid >= threshold)
                {
                    continue;
                }

                yield return new Finding(Definition.Id, Severity.Warning, $"counterparty:{group.Key}", $"voucher:{payment.Id}", total, payment.Date,
                    new
                    {
                        counterparty = group.Key, total = Money.FromFen(total).ToPlainString(), days,
                        payments = stretch.Select(v => new { voucher = v.Number, date = v.Date, amount = Money.FromFen(v.CashPaid).ToPlainString() }),
                    },
                    $"{days}天内向{group.Key}支付{stretch.Count}笔（{string.Join("、", stretch.Select(v => v.Number))}），每笔均低于{parameters["threshold"]:#,##0}元，"
                    + $"合计{Money.FromFen(total)}元，疑似拆分支付规避大额审批。");
            }
        }
    }
}
