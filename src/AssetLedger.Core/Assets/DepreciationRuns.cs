using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Assets;

public sealed record DepreciationResult(AccountingPeriod Period, PostedVoucher? Voucher, int Assets, Money Total, bool AlreadyRun);

/// <summary>What <c>depreciation run</c> would post for a month that has no run yet: each asset's share, and the total.</summary>
public sealed record DepreciationProposal(AccountingPeriod Period, IReadOnlyList<DepreciationProposal.Share> Shares)
{
    public long Total => Shares.Sum(s => s.Amount);

    /// <param name="ExpenseAccount">401, 513 or 514, by the asset's use.</param>
    public sealed record Share(string AssetCode, string AssetName, string ExpenseAccount, long Amount);
}

/// <summary>
/// The monthly depreciation run (计提折旧): one voucher per book and month — debit 401, 513 or 514 by each asset's
/// use, credit 152 — and one entry per asset, in one transaction. A month is never depreciated twice: running it
/// again returns the run that stands. Reversing the run's voucher (红字冲销) voids it, and the month can be run again.
/// </summary>
public sealed class DepreciationRuns(
    LedgerDbContext db, BookDirectory books, AssetRegister register, VoucherPosting posting, VoucherReversal reversal, AuditLog audit, TimeProvider time)
{
    public const string AccumulatedDepreciationAccount = "152";

    public static string ExpenseAccount(AssetUse use) => use switch
    {
        AssetUse.Production => "401",
        AssetUse.Management => "513",
        _ => "514",
    };

    /// <summary>A book's runs whose voucher stands (was not reversed).</summary>
    internal static IQueryable<DepreciationRun> Effective(LedgerDbContext db, int bookId) =>
        db.DepreciationRuns.Where(r => r.BookId == bookId && !db.Vouchers.Any(v => v.ReversesVoucherId == r.VoucherId));

    internal static IQueryable<DepreciationRun> EffectiveFor(LedgerDbContext db, int bookId, AccountingPeriod period) =>
        Effective(db, bookId).Where(r => r.Period == period.Key);

    /// <summary><c>depreciation run --org CODE --period YYYY-MM</c>.</summary>
    public async Task<Outcome<DepreciationResult>> RunAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<DepreciationResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var standing = await EffectiveFor(db, bookId, period).AsNoTracking().SingleOrDefaultAsync(ct);
        if (standing is not null)
        {
            var entries = await db.DepreciationEntries.AsNoTracking().Where(e => e.RunId == standing.Id).ToListAsync(ct);
            return Outcome<DepreciationResult>.Success(new DepreciationResult(period, await PostedAsync(standing.VoucherId, ct), entries.Count, Money.FromFen(entries.Sum(e => e.Amount)), AlreadyRun: true));
        }

        var due = await DueAsync(bookId, period, ct);
        if (due.Count == 0)
        {
            // Nothing is recorded: cards registered later can still be depreciated for this month.
            return Outcome<DepreciationResult>.Success(new DepreciationResult(period, null, 0, Money.Zero, AlreadyRun: false));
        }

        var sequence = await db.DepreciationRuns.CountAsync(r => r.BookId == bookId && r.Period == period.Key, ct) + 1;
        PostedVoucher posted;
        {
            var summary = $"计提{period.Year}年{period.Month}月固定资产折旧";
            var total = due.Sum(d => d.Due.Amount);
            var lines = due.GroupBy(d => ExpenseAccount(d.Asset.Use)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new VoucherLineDraft(g.Key, summary, Money.FromFen(g.Sum(d => d.Due.Amount)), Money.Zero))
                .Append(new VoucherLineDraft(AccumulatedDepreciationAccount, summary, Money.Zero, Money.FromFen(total)))
                .ToList();
            var chart = await books.LoadChartAsync(bookId, ct);
            var result = await posting.PostAsync(chart, new VoucherDraft($"depreciation:{period}:{sequence}", period.LastDay, lines), ct);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Outcome<DepreciationResult>.Failure(result.Errors);
            }

            posted = result.Value.Vouchers[0];
        }

        var run = new DepreciationRun
        {
            BookId = bookId,
            Period = period.Key,
            Sequence = sequence,
            VoucherId = posted.Id,
            AtUtc = LedgerClock.UtcNow(time),
        };
        db.DepreciationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.DepreciationEntries.AddRange(due.Select(d => new DepreciationEntry
        {
            RunId = run.Id, AssetId = d.Asset.Id, Period = period.Key, Amount = d.Due.Amount, Usage = d.Due.Usage,
        }));
        var sum = Money.FromFen(due.Sum(d => d.Due.Amount));
        audit.Record("depreciation.run", bookId, $"depreciation {period}", null,
            new { assets = due.Count, total = sum.ToPlainString(), voucher = posted.DisplayNumber });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<DepreciationResult>.Success(new DepreciationResult(period, posted, due.Count, sum, AlreadyRun: false));
    }

    /// <summary>
    /// The monthly proposal: what <see cref="RunAsync"/> would post for the month, computed the same way and writing
    /// nothing; null when the month's run stands already.
    /// </summary>
    public async Task<DepreciationProposal?> ProposeAsync(int bookId, AccountingPeriod period, CancellationToken ct = default)
    {
        if (await EffectiveFor(db, bookId, period).AnyAsync(ct))
        {
            return null;
        }

        var due = await DueAsync(bookId, period, ct);
        return new DepreciationProposal(period, due.Select(d => new DepreciationProposal.Share(d.Asset.Code, d.Asset.Name, ExpenseAccount(d.Asset.Use), d.Due.Amount)).ToList());
    }

    /// <summary>Each asset's depreciation for the month, where there is any.</summary>
    private async Task<List<(FixedAsset Asset, (long Amount, long Usage) Due)>> DueAsync(int bookId, AccountingPeriod period, CancellationToken ct)
    {
        var states = await register.StatesAsync(bookId, period, ct);
        var units = await register.UnitsAsync(bookId, period, ct);
        return states
            .Select(v => (v.Asset, Due: DepreciationCalculator.For(v.State, period, units.GetValueOrDefault(v.Asset.Id))))
            .Where(x => x.Due.Amount > 0)
            .ToList();
    }

    /// <summary>Reverses the month's standing run: its voucher in red ink on <paramref name="date"/>; the month may then run again.</summary>
    public async Task<Outcome<PostedVoucher>> ReverseAsync(string orgCode, AccountingPeriod period, DateOnly date, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<PostedVoucher>.Failure(book.Errors);
        }

        var standing = await EffectiveFor(db, book.Value.Book.Id, period).AsNoTracking().SingleOrDefaultAsync(ct);
        if (standing is null)
        {
            return new LedgerError("depreciation.not_run", $"{period} has no depreciation voucher to reverse");
        }

        var original = await PostedAsync(standing.VoucherId, ct);
        return await reversal.ReverseAsync(orgCode, original.DisplayNumber, date, ct);
    }

    private async Task<PostedVoucher> PostedAsync(long voucherId, CancellationToken ct)
    {
        var v = await db.Vouchers.AsNoTracking().SingleAsync(x => x.Id == voucherId, ct);
        return new PostedVoucher(v.Id, AccountingPeriod.FromKey(v.Period), v.Number, AlreadyPosted: true);
    }
}
