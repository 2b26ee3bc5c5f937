using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Periods;

/// <summary>
/// Whether a date can take postings in a book: its month is open, it is not before the book's opening balances,
/// and it is not beyond the current month. Loaded once per command (a book has few closed months).
/// </summary>
public sealed class PeriodGuard
{
    private readonly HashSet<int> closed;
    private readonly int? openingYear;
    private readonly DateOnly latestAllowed;

    private PeriodGuard(HashSet<int> closed, int? openingYear, DateOnly latestAllowed)
    {
        this.closed = closed;
        this.openingYear = openingYear;
        this.latestAllowed = latestAllowed;
    }

    public static async Task<PeriodGuard> LoadAsync(LedgerDbContext db, int bookId, TimeProvider time, CancellationToken ct)
    {
        var closed = await db.PeriodStates.AsNoTracking()
            .Where(p => p.BookId == bookId && p.IsClosed).Select(p => p.Period).ToListAsync(ct);
        var openingYear = await db.OpeningBalanceSets.AsNoTracking()
            .Where(s => s.BookId == bookId).Select(s => (int?)s.Year).SingleOrDefaultAsync(ct);
        return new PeriodGuard(closed.ToHashSet(), openingYear, AccountingPeriod.Of(LedgerClock.Today(time)).LastDay);
    }

    /// <summary>Null when the date may take postings; otherwise why not.</summary>
    public LedgerError? Check(DateOnly date)
    {
        var period = AccountingPeriod.Of(date);
        if (closed.Contains(period.Key))
        {
            return new LedgerError("period.closed",
                $"{date:yyyy-MM-dd} is in {period}, which is closed (已结账); reopen it with `period reopen` first");
        }

        if (openingYear is { } year && date.Year < year)
        {
            return new LedgerError("period.before_opening",
                $"{date:yyyy-MM-dd} is before this book's opening balances (1 January {year})");
        }

        if (date > latestAllowed)
        {
            return new LedgerError("period.future", $"{date:yyyy-MM-dd} is after the current month (ends {latestAllowed:yyyy-MM-dd})");
        }

        return null;
    }
}
