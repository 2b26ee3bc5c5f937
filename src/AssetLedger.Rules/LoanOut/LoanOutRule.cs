using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.LoanOut;

/// <summary>
/// LOAN_OUT 对外出借资金: money paid out of cash or bank into 112 应收款 — a claim on an outside party, which is how a
/// loan (or money put up for a guarantee) to someone outside the collective is booked; collective funds may not be
/// lent out (domain §3). 113 内部往来 (members and the collective's own units) is not an outside party. The amount is
/// what both moved: the smaller of the 112 debits and the cash paid. Fires from <c>threshold</c> (default 0: any).
/// </summary>
public sealed class LoanOutRule : IRule
{
    public RuleDefinition Definition { get; } = new("LOAN_OUT", "对外出借资金",
        "现金或银行存款支付转入应收款（外部单位或个人），疑似对外出借资金或提供担保。", new Dictionary<string, decimal> { ["threshold"] = 0m });

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        foreach (var v in facts.NewVouchers.Where(v => v.Reverses is null && v.CashPaid > 0))
        {
            var receivable = v.Lines.Where(l => l.Account.StartsWith("112", StringComparison.Ordinal) && l.Debit > 0).ToList();
            var amount = Math.Min(receivable.Sum(l => l.Debit), v.CashPaid);
            if (amount == 0 || amount < parameters.Fen("threshold"))
            {
                continue;
            }

            var to = receivable.Select(l => l.Counterparty).FirstOrDefault(c => c is not null) ?? "（未列明往来单位）";
            yield return new Finding(Definition.Id, Severity.Serious, $"voucher:{v.Id}", string.Empty, amount, v.Date,
                new { voucher = v.Number, voucherId = v.Id, counterparty = to, amount = Money.FromFen(amount).ToPlainString(), summary = receivable[0].Summary },
                $"凭证{v.Number}（{v.Date:yyyy-MM-dd}）从现金或银行存款支付{Money.FromFen(amount)}元，记入应收款—{to}，"
                + "疑似对外出借集体资金或提供担保；集体资金不得对外出借，请核实用途和决议。");
        }
    }
}
