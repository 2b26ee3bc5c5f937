using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Vouchers;

/// <summary>The one way to find a posted voucher and to read its lines.</summary>
public static class VoucherLookup
{
    /// <summary>A voucher's lines: its range of the posting log, through the primary key.</summary>
    public static IQueryable<Posting> LinesOf(this LedgerDbContext db, Voucher voucher) =>
        db.Postings.Where(p => p.Id >= voucher.FirstPostingId && p.Id < voucher.FirstPostingId + voucher.LineCount);

    /// <summary>Finds a voucher by <c>2024-03/记-0001</c>, or by <c>记-0001</c> when only one month has that number.</summary>
    public static async Task<Outcome<Voucher>> FindVoucherAsync(this LedgerDbContext db, int bookId, string text, CancellationToken ct)
    {
        var parsed = VoucherNumber.Parse(text);
        if (!parsed.Succeeded)
        {
            return Outcome<Voucher>.Failure(parsed.Errors);
        }

        var (period, number) = parsed.Value;
        var query = db.Vouchers.AsNoTracking().Where(x => x.BookId == bookId && x.Number == number);
        if (period is { } p)
        {
            query = query.Where(x => x.Period == p.Key);
        }

        var matches = await query.Take(5).ToListAsync(ct);
        return matches.Count switch
        {
            0 => new LedgerError("voucher.unknown", $"this book has no voucher {text}"),
            1 => Outcome<Voucher>.Success(matches[0]),
            _ => new LedgerError("voucher.ambiguous",
                $"{text} exists in several months ({string.Join(", ", matches.Select(m => VoucherNumber.Format(AccountingPeriod.FromKey(m.Period), m.Number)))}); name the month, e.g. {VoucherNumber.Format(AccountingPeriod.FromKey(matches[0].Period), number)}"),
        };
    }
}
