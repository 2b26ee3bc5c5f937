using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.SplitPayment;

/// <summary>
/// What SPLIT_PAYMENT looks back at: the earlier payments to the counterparties the new payments go to (within its
/// <c>days</c>), and which of all those payments a red-ink reversal has reversed.
/// </summary>
public sealed record SplitPaymentFacts(IReadOnlyList<PaymentFact> Earlier, IReadOnlySet<long> Reversed);

/// <summary>
/// The earlier payments: in a run, from the payment index (<see cref="PaymentIndex"/>) of what earlier runs read; in
/// a backtest, from the posting log before the range. Then the reversals' unique index over their ids.
/// </summary>
public sealed class EarlierPayments : FactSource<SplitPaymentFacts>
{
    public static readonly EarlierPayments Source = new();

    /// <summary>The longest look-back SPLIT_PAYMENT accepts.</summary>
    public const int LongestLookBackDays = 366;

    public override async Task<SplitPaymentFacts> ReadAsync(FactContext context, CancellationToken ct)
    {
        var lookBackDays = SplitPaymentRule.LookBackDays(context.Parameters[SplitPaymentRule.Id]);
        var fresh = context.NewVouchers.Select(PaymentFact.Of).OfType<PaymentFact>().ToList();
        List<PaymentFact> earlier;
        if (context.Window is { IsDateRange: true } range)
        {
            var from = range.Vouchers.From;
            earlier = (await context.ReadVouchersAsync(new VoucherRange(context.BookId) { From = from.AddDays(-lookBackDays), To = from.AddDays(-1) }, ct))
                .Select(PaymentFact.Of).OfType<PaymentFact>().ToList();
        }
        else
        {
            earlier = await FromIndexAsync(context, PaymentIndex.Rows(context), context.Window?.Vouchers.AfterId ?? 0, lookBackDays, ct);
        }

        return new(earlier, await ReversedAsync(context, earlier.Concat(fresh).Select(p => p.VoucherId).ToList(), ct));
    }

    /// <summary>From the payment index, the payments read in earlier runs to the counterparties the new payments go to, dated up to the look-back before the earliest of them.</summary>
    private static async Task<List<PaymentFact>> FromIndexAsync(FactContext context, List<IndexedPayment> fresh, long readThrough, int lookBackDays, CancellationToken ct)
    {
        if (fresh.Count == 0 || readThrough == 0)
        {
            return [];
        }

        var since = fresh.Min(p => p.Date).AddDays(-lookBackDays);
        var result = new List<PaymentFact>();
        foreach (var chunk in fresh.Select(p => p.CounterpartyId).Distinct().Chunk(500))
        {
            var rows = await context.Services.Rules.PaymentIndex.AsNoTracking()
                .Where(p => p.BookId == context.BookId && chunk.Contains(p.CounterpartyId) && p.Date >= since && p.VoucherId <= readThrough).ToListAsync(ct);
            result.AddRange(rows.Select(r => new PaymentFact(r.VoucherId, r.Number, r.Date, context.Counterparties[r.CounterpartyId], r.Amount)));
        }

        return result;
    }

    /// <summary>Which of these vouchers a red-ink reversal has reversed: one range read of the reversals' unique index over their ids (reversals are few).</summary>
    private static async Task<HashSet<long>> ReversedAsync(FactContext context, List<long> voucherIds, CancellationToken ct)
    {
        if (voucherIds.Count == 0)
        {
            return [];
        }

        var (first, last) = (voucherIds.Min(), voucherIds.Max());
        var reversed = await context.Services.Ledger.Vouchers.AsNoTracking()
            .Where(v => v.ReversesVoucherId >= first && v.ReversesVoucherId <= last && v.BookId == context.BookId)
            .Select(v => v.ReversesVoucherId!.Value).ToListAsync(ct);
        var candidates = voucherIds.ToHashSet();
        return reversed.Where(candidates.Contains).ToHashSet();
    }
}

/// <summary>The payment index's rows for a run's new vouchers (a backtest indexes nothing): written by the engine with the run's alerts.</summary>
public static class PaymentIndex
{
    public static List<IndexedPayment> Rows(FactContext context)
    {
        if (context.Window is not { IsDateRange: false })
        {
            return [];
        }

        var ids = context.Counterparties.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);
        return context.NewVouchers.Select(PaymentFact.Of).OfType<PaymentFact>().Select(p => new IndexedPayment
        {
            VoucherId = p.VoucherId, BookId = context.BookId, CounterpartyId = ids[p.Counterparty], Date = p.Date, Amount = p.Amount, Number = p.Number,
        }).ToList();
    }
}
