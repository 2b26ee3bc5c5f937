using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.CashReceiptLate;

/// <summary>
/// CASH_RECEIPT_LATE 现金未及时交账: cash received must reach the bank within <c>days</c> days (3) and never stay over
/// a month end (domain §3). Cash is a stack: what goes out — to the bank or on spending — is taken from the latest
/// cash in first, so a standing float (the opening balance, money drawn from the bank) never makes a later receipt
/// look late. A receipt still partly in hand at the end of its last allowed day is raised the day after, once.
/// </summary>
public sealed class CashReceiptLateRule : IRule
{
    public RuleDefinition Definition { get; } = new("CASH_RECEIPT_LATE", "现金未及时交账",
        "收取的现金超过规定天数（且不得跨月）仍未存入银行。", new Dictionary<string, decimal> { ["days"] = 3m }, RuleTrigger.Calendar);

    public IReadOnlyList<IFactSource> Sources { get; } = [CashBookFacts.Source];

    private sealed class Layer(CashMovement? receipt, long amount)
    {
        public CashMovement? Receipt { get; } = receipt;

        public long Left { get; set; } = amount;
    }

    public IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters)
    {
        var cash = facts.Get(CashBookFacts.Source);

        var days = (int)Math.Max(0, parameters["days"]);
        DateOnly Deadline(DateOnly received) => Min(received.AddDays(days), AccountingPeriod.Of(received).LastDay);

        var stack = new List<Layer> { new(null, Math.Max(cash.Opening, 0)) };
        var next = 0;
        for (var day = cash.From; day < facts.AsOf; day = day.AddDays(1))
        {
            for (; next < cash.Movements.Count && cash.Movements[next].Date == day; next++)
            {
                var m = cash.Movements[next];
                if (m.In > 0)
                {
                    stack.Add(new Layer(m.IsReceipt ? m : null, m.In));
                }

                for (var (owed, top) = (m.Out, stack.Count - 1); owed > 0 && top >= 0; top--)
                {
                    var taken = Math.Min(owed, stack[top].Left);
                    stack[top].Left -= taken;
                    owed -= taken;
                }

                stack.RemoveAll(l => l.Left == 0);
            }

            foreach (var layer in stack.Where(l => l.Receipt is { } r && Deadline(r.Date) == day && l.Left > 0))
            {
                var r = layer.Receipt!;
                yield return new Finding(Definition.Id, Severity.Warning, $"voucher:{r.VoucherId}", string.Empty, layer.Left, Deadline(r.Date),
                    new { voucher = r.Number, voucherId = r.VoucherId, received = r.Date, amount = Money.FromFen(r.In).ToPlainString(), undeposited = Money.FromFen(layer.Left).ToPlainString(), deadline = Deadline(r.Date) },
                    $"凭证{r.Number}（{r.Date:yyyy-MM-dd}）收取现金{Money.FromFen(r.In)}元，至{Deadline(r.Date):yyyy-MM-dd}（{days}天内且不跨月）仍有{Money.FromFen(layer.Left)}元未存入银行，请及时交存。");
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
