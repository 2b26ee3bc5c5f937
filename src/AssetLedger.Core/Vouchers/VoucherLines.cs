using AssetLedger.Core.Persistence;

namespace AssetLedger.Core.Vouchers;

/// <summary>The one way to read a voucher's lines: its range of the posting log, through the primary key.</summary>
public static class VoucherLines
{
    public static IQueryable<Posting> LinesOf(this LedgerDbContext db, Voucher voucher) =>
        db.Postings.Where(p => p.Id >= voucher.FirstPostingId && p.Id < voucher.FirstPostingId + voucher.LineCount);
}
