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

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
