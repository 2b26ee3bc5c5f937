using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Vouchers;

/// <summary>
/// 红字冲销: a posted voucher is corrected by a new voucher with the same lines and negated amounts, so the
/// period's activity is not inflated. A voucher is reversed at most once; asking again for the same reversal
/// returns it (the reversal's key is derived from the original), asking for a different one is refused.
/// </summary>
public sealed class VoucherReversal(LedgerDbContext db, BookDirectory books, VoucherPosting posting)
{
    public async Task<Outcome<PostedVoucher>> ReverseAsync(string orgCode, string voucherNumber, DateOnly date, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<PostedVoucher>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var original = await db.FindVoucherAsync(bookId, voucherNumber, ct);
        if (!original.Succeeded)
        {
            return Outcome<PostedVoucher>.Failure(original.Errors);
        }

        var v = original.Value;
        var number = VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number);
        if (v.Kind != VoucherKind.Normal)
        {
            return new LedgerError("reversal.not_reversible", v.Kind == VoucherKind.Reversal
                ? $"{number} is itself a reversal; post a new voucher instead of reversing a reversal"
                : $"{number} is a year-end closing voucher; reopen the year's periods and close the year again instead");
        }

        if (date < v.Date)
        {
            return new LedgerError("reversal.before_original",
                $"the reversal's date {date:yyyy-MM-dd} is before the voucher's own date {v.Date:yyyy-MM-dd}");
        }

        if (await HeldByRegisterAsync(v.Id, number, ct) is { } held)
        {
            return held;
        }

        var key = $"reversal-of:{v.Id}";
        var existing = await db.Vouchers.AsNoTracking()
            .Where(x => x.ReversesVoucherId == v.Id).Select(x => new { x.IdempotencyKey, x.Date, x.Period, x.Number, x.Id })
            .SingleOrDefaultAsync(ct);
        if (existing is not null && existing.Date != date)
        {
            return new LedgerError("reversal.already_reversed",
                $"{number} was already reversed by {VoucherNumber.Format(AccountingPeriod.FromKey(existing.Period), existing.Number)} on {existing.Date:yyyy-MM-dd}; a voucher is reversed at most once");
        }

        var chart = await books.LoadChartAsync(bookId, ct);
        var counterparties = await db.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var postings = await db.LinesOf(v).AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var lines = postings.Select(p => new VoucherLineDraft(
            chart[p.AccountId].Code,
            Truncate($"冲销{number}号凭证：{p.Summary}", VoucherRules.MaxSummaryLength),
            Money.FromFen(-p.Debit),
            Money.FromFen(-p.Credit),
            p.CounterpartyId is { } cp ? counterparties[cp] : null)).ToList();
        var draft = new VoucherDraft(key, date, lines, v.Resolution, v.AttachmentCount)
        {
            Kind = VoucherKind.Reversal,
            ReversesVoucherId = v.Id,
        };
        var result = await posting.PostAsync(chart, draft, ct);
        return result.Map(r => r.Vouchers[0]);
    }

    /// <summary>
    /// Why the voucher cannot be reversed on its own, when a register holds it: the registration or the disposal of an
    /// asset card, the receipt of a contract's installment — the card or the schedule would stand as it is and the
    /// books would no longer agree with it — or a month's depreciation of an asset that has been disposed of since
    /// (the disposal took the month's charge into its book value). Null when nothing holds it.
    /// </summary>
    private async Task<LedgerError?> HeldByRegisterAsync(long voucherId, string number, CancellationToken ct)
    {
        if (await db.AssetEvents.AsNoTracking().Where(e => e.VoucherId == voucherId).Join(db.FixedAssets, e => e.AssetId, a => a.Id, (e, a) => new { e.Kind, a.Code, a.Name })
            .FirstOrDefaultAsync(ct) is { } asset)
        {
            return new LedgerError("reversal.held_by_register", asset.Kind == Assets.AssetEventKind.Disposed
                ? $"{number} books the disposal of asset {asset.Code} {asset.Name}, which the asset register holds; it is not reversed on its own — correct it with a new voucher"
                : $"{number} books asset {asset.Code} {asset.Name} into the asset register, which holds it; it is not reversed on its own — correct it with a new voucher");
        }

        if (await db.InstallmentReceipts.AsNoTracking().Where(r => r.VoucherId == voucherId)
            .Join(db.Installments, r => r.InstallmentId, i => i.Id, (r, i) => i.ContractId).Join(db.Contracts, id => id, c => c.Id, (id, c) => c.Number)
            .FirstOrDefaultAsync(ct) is { } contract)
        {
            return new LedgerError("reversal.held_by_register",
                $"{number} books a receipt of contract {contract}, whose schedule holds it; it is not reversed on its own — correct it with a new voucher");
        }

        var disposedSince = await (from run in db.DepreciationRuns.AsNoTracking()
                                   where run.VoucherId == voucherId
                                   join entry in db.DepreciationEntries on run.Id equals entry.RunId
                                   join e in db.AssetEvents on entry.AssetId equals e.AssetId
                                   where e.Kind == Assets.AssetEventKind.Disposed
                                   join a in db.FixedAssets on e.AssetId equals a.Id
                                   select new { a.Code, a.Name, e.Date }).FirstOrDefaultAsync(ct);
        return disposedSince is null ? null : new LedgerError("reversal.asset_disposed_since",
            $"{number} depreciates asset {disposedSince.Code} {disposedSince.Name}, disposed of on {disposedSince.Date:yyyy-MM-dd} with this charge in its book value; the month's depreciation is no longer reversed — correct it with a new voucher");
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
