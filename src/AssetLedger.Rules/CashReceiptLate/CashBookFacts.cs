using AssetLedger.Core.Periods;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.CashReceiptLate;

/// <summary>
/// Cash (101) from the first day of the month before the run's day to that day: the balance it opened with, and each
/// voucher's net movement, in date and voucher order. Reversed vouchers and their reversals within the stretch are
/// left out.
/// </summary>
public sealed record CashBook(DateOnly From, long Opening, IReadOnlyList<CashMovement> Movements);

/// <summary>
/// One voucher's net movement of cash: in or out. A receipt is cash that came in from anywhere but the bank (money
/// drawn from the bank is not a receipt to deposit).
/// </summary>
public sealed record CashMovement(long VoucherId, string Number, DateOnly Date, long In, long Out, bool IsReceipt);

/// <summary>The cash book from the first day of last month to the run's day, with its opening balance.</summary>
public sealed class CashBookFacts : FactSource<CashBook>
{
    public static readonly CashBookFacts Source = new();

    private static bool IsCash(string code) => code.StartsWith("101", StringComparison.Ordinal);

    public override async Task<CashBook> ReadAsync(FactContext context, CancellationToken ct)
    {
        var today = context.AsOf;
        var from = AccountingPeriod.Of(AccountingPeriod.Of(today).FirstDay.AddDays(-1));
        var cashIds = context.Chart.Accounts.Where(a => IsCash(a.Code)).Select(a => a.Id).ToList();
        var opening = await context.Services.Ledger.Balances.AsNoTracking().Where(x => x.BookId == context.BookId && cashIds.Contains(x.AccountId) && x.Period < from.Key)
            .SumAsync(x => x.Debit - x.Credit, ct);
        var vouchers = await context.ReadVouchersAsync(new VoucherRange(context.BookId) { From = from.FirstDay, To = today }, ct);
        var reversed = vouchers.Where(v => v.Reverses is not null).Select(v => v.Reverses!.Value).ToHashSet();
        var movements = vouchers
            .Where(v => v.Reverses is null && !reversed.Contains(v.Id) && v.Lines.Any(l => IsCash(l.Account)))
            .Select(v =>
            {
                var net = v.Lines.Where(l => IsCash(l.Account)).Sum(l => l.Debit - l.Credit);
                var fromBank = v.Lines.Any(l => l.Account.StartsWith("102", StringComparison.Ordinal) && l.Credit > 0);
                return new CashMovement(v.Id, v.Number, v.Date, Math.Max(net, 0), Math.Max(-net, 0), net > 0 && !fromBank);
            })
            .Where(m => m.In > 0 || m.Out > 0)
            .OrderBy(m => m.Date).ThenBy(m => m.VoucherId).ToList();
        return new CashBook(from.FirstDay, opening, movements);
    }
}
