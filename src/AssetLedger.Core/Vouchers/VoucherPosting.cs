using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;

namespace AssetLedger.Core.Vouchers;

/// <summary>The result of posting a batch: every voucher it names, new or already posted.</summary>
public sealed record PostingReport(IReadOnlyList<PostedVoucher> Vouchers, long Postings)
{
    public int Posted => Vouchers.Count(v => !v.AlreadyPosted);

    public int AlreadyPosted => Vouchers.Count(v => v.AlreadyPosted);
}

/// <summary>
/// The one way vouchers enter the books — entry, import, reversal and year-end close all come through here.
/// A batch is one transaction: every voucher is validated (chart, sides, balance, open period, idempotency key),
/// and if any is wrong nothing is written and every error is returned with where it came from. Drafts stream:
/// a million-line file never sits in memory.
/// </summary>
public sealed class VoucherPosting(LedgerDbContext db, Actor actor, TimeProvider time)
{
    /// <summary>Errors beyond this many are counted, not listed.</summary>
    public const int MaxReportedErrors = 1000;

    public Task<Outcome<PostingReport>> PostAsync(BookChart chart, VoucherDraft draft, CancellationToken ct = default) =>
        PostAsync(chart, One(SourcedDraft.Of(draft, $"voucher {draft.Key}")), ct);

    public async Task<Outcome<PostingReport>> PostAsync(
        BookChart chart, IAsyncEnumerable<SourcedDraft> drafts, CancellationToken ct = default)
    {
        var errors = new List<LedgerError>();
        var suppressed = 0;
        void Fail(LedgerError e)
        {
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(e);
            }
            else
            {
                suppressed++;
            }
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var guard = await PeriodGuard.LoadAsync(db, chart.BookId, time, ct);
        await using var writer = new VoucherWriter(db, chart.BookId, actor, time);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var posted = new List<PostedVoucher>();
        long postings = 0;

        await foreach (var item in drafts.WithCancellation(ct))
        {
            if (item.Errors.Count > 0 || item.Draft is null)
            {
                item.Errors.ToList().ForEach(e => Fail(e.Location is null ? e.At(item.Location) : e));
                continue;
            }

            var draft = item.Draft;
            if (!seenKeys.Add(draft.Key))
            {
                Fail(new LedgerError("voucher.key_repeated",
                    $"voucher key '{draft.Key}' appears again; the lines of one voucher must be together, and each voucher needs its own key",
                    item.Location));
                continue;
            }

            var validated = VoucherRules.Validate(draft, chart, item.LineLocation);
            if (!validated.Succeeded)
            {
                validated.Errors.ToList().ForEach(e => Fail(e.Location is null ? e.At($"{item.Location} (voucher {draft.Key})") : e));
                continue;
            }

            if (guard.Check(draft.Date) is { } periodError)
            {
                Fail(periodError.At($"{item.Location} (voucher {draft.Key})"));
                continue;
            }

            if (errors.Count > 0)
            {
                continue; // keep validating the rest of the batch, but write nothing more: it will be rolled back
            }

            var written = await writer.WriteAsync(validated.Value, ct);
            if (!written.Succeeded)
            {
                written.Errors.ToList().ForEach(e => Fail(e.At(item.Location)));
                continue;
            }

            posted.Add(written.Value);
            if (!written.Value.AlreadyPosted)
            {
                postings += validated.Value.Lines.Count;
            }
        }

        if (suppressed > 0)
        {
            errors.Add(new LedgerError("batch.more_errors", $"… and {suppressed} more errors"));
        }

        if (errors.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome<PostingReport>.Failure(errors);
        }

        await writer.FlushBalancesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<PostingReport>.Success(new PostingReport(posted, postings));
    }

    private static async IAsyncEnumerable<SourcedDraft> One(SourcedDraft draft)
    {
        await Task.CompletedTask;
        yield return draft;
    }
}
