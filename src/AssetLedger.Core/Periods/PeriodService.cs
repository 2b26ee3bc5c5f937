using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Periods;

public sealed record PeriodChange(AccountingPeriod Period, bool Closed, bool Unchanged);

/// <summary>A month of a book: closed or open, and who closed or reopened it last.</summary>
public sealed record PeriodStatus(AccountingPeriod Period, bool Closed, string? ChangedBy, DateTime? ChangedAtUtc);

/// <summary>
/// Month-end close (结账) and reopening. Months close in order, each only when the books balance; a closed month
/// takes no postings. Reopening is explicit, needs a reason, goes from the latest month back, and is audited.
/// </summary>
public sealed class PeriodService(LedgerDbContext db, BookDirectory books, AuditLog audit, Actor actor, TimeProvider time)
{
    public async Task<Outcome<PeriodChange>> CloseAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<PeriodChange>.Failure(book.Errors);
        }

        return await CloseAsync(book.Value.Book.Id, period, ct);
    }

    internal async Task<Outcome<PeriodChange>> CloseAsync(int bookId, AccountingPeriod period, CancellationToken ct)
    {
        var state = await db.PeriodStates.SingleOrDefaultAsync(p => p.BookId == bookId && p.Period == period.Key, ct);
        if (state is { IsClosed: true })
        {
            return Outcome<PeriodChange>.Success(new PeriodChange(period, Closed: true, Unchanged: true));
        }

        if (period.LastDay > LedgerClock.Today(time))
        {
            return new LedgerError("period.not_ended", $"{period} has not ended yet; a month is closed after its last day");
        }

        var first = await FirstPeriodAsync(bookId, ct) ?? period;
        var previous = period.Previous();
        if (previous >= first && !await IsClosedAsync(bookId, previous, ct))
        {
            return new LedgerError("period.previous_open", $"{previous} is still open; months close in order, so close {previous} first");
        }

        var chart = await books.LoadChartAsync(bookId, ct);
        var snapshot = await BalanceSnapshot.LoadAsync(db, chart, period, ct);
        long closing = 0, debit = 0, credit = 0;
        foreach (var (_, _, f) in snapshot.Entries)
        {
            closing += f.Closing;
            debit += f.PeriodDebit;
            credit += f.PeriodCredit;
        }

        if (closing != 0 || debit != credit)
        {
            return new LedgerError("period.unbalanced",
                $"the books do not balance in {period} (debits {Money.FromFen(debit)}, credits {Money.FromFen(credit)}, balances off by {Money.FromFen(closing)}); run `verify`");
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var now = LedgerClock.UtcNow(time);
        if (state is null)
        {
            db.PeriodStates.Add(new PeriodState { BookId = bookId, Period = period.Key, IsClosed = true, ChangedAtUtc = now, ChangedBy = actor.Name });
        }
        else
        {
            state.IsClosed = true;
            state.ChangedAtUtc = now;
            state.ChangedBy = actor.Name;
        }

        audit.Record("period.close", bookId, $"period {period}", new { closed = false }, new { closed = true, debit = Money.FromFen(debit).ToPlainString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<PeriodChange>.Success(new PeriodChange(period, Closed: true, Unchanged: false));
    }

    public async Task<Outcome<PeriodChange>> ReopenAsync(string orgCode, AccountingPeriod period, string reason, CancellationToken ct = default)
    {
        if (TextRules.Check("reason", reason, 500) is { } reasonError)
        {
            return reasonError;
        }

        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<PeriodChange>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var state = await db.PeriodStates.SingleOrDefaultAsync(p => p.BookId == bookId && p.Period == period.Key, ct);
        if (state is not { IsClosed: true })
        {
            return new LedgerError("period.not_closed", $"{period} is not closed; there is nothing to reopen");
        }

        var next = period.Next();
        if (await IsClosedAsync(bookId, next, ct))
        {
            return new LedgerError("period.next_closed", $"{next} is closed; months reopen from the latest back, so reopen {next} first");
        }

        state.IsClosed = false;
        state.ChangedAtUtc = LedgerClock.UtcNow(time);
        state.ChangedBy = actor.Name;
        audit.Record("period.reopen", bookId, $"period {period}", new { closed = true }, new { closed = false }, reason.Trim());
        await db.SaveChangesAsync(ct);
        return Outcome<PeriodChange>.Success(new PeriodChange(period, Closed: false, Unchanged: false));
    }

    /// <summary>
    /// The book's months from its first (opening balances or earliest voucher) through the later of its latest voucher
    /// and this month, each open or closed (结账) with who changed it last and when. Empty for a book with nothing yet.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<PeriodStatus>>> StatusesAsync(string orgCode, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<IReadOnlyList<PeriodStatus>>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        if (await FirstPeriodAsync(bookId, ct) is not { } first)
        {
            return Outcome<IReadOnlyList<PeriodStatus>>.Success([]);
        }

        var states = await db.PeriodStates.AsNoTracking().Where(p => p.BookId == bookId).ToDictionaryAsync(p => p.Period, ct);
        var lastVoucher = await db.Vouchers.Where(v => v.BookId == bookId).MaxAsync(v => (int?)v.Period, ct) ?? first.Key;
        var last = new[] { AccountingPeriod.FromKey(lastVoucher), AccountingPeriod.Of(LedgerClock.Today(time)), first }.Max();
        var result = new List<PeriodStatus>();
        for (var month = first; month <= last; month = month.Next())
        {
            var state = states.GetValueOrDefault(month.Key);
            result.Add(new PeriodStatus(month, state?.IsClosed ?? false, state?.ChangedBy, state?.ChangedAtUtc));
        }

        return Outcome<IReadOnlyList<PeriodStatus>>.Success(result);
    }

    internal Task<bool> IsClosedAsync(int bookId, AccountingPeriod period, CancellationToken ct) =>
        db.PeriodStates.AnyAsync(p => p.BookId == bookId && p.Period == period.Key && p.IsClosed, ct);

    /// <summary>The book's first month: January of its opening balances, or its earliest voucher's month.</summary>
    private async Task<AccountingPeriod?> FirstPeriodAsync(int bookId, CancellationToken ct)
    {
        var openingYear = await db.OpeningBalanceSets.Where(s => s.BookId == bookId).Select(s => (int?)s.Year).SingleOrDefaultAsync(ct);
        var firstVoucher = await db.Vouchers.Where(v => v.BookId == bookId).MinAsync(v => (int?)v.Period, ct);
        var candidates = new List<AccountingPeriod>();
        if (openingYear is { } y)
        {
            candidates.Add(AccountingPeriod.Of(y, 1));
        }

        if (firstVoucher is { } k)
        {
            candidates.Add(AccountingPeriod.FromKey(k));
        }

        return candidates.Count == 0 ? null : candidates.Min();
    }
}
