using System.Threading.Channels;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;

namespace AssetLedger.Core.Vouchers;

/// <summary>The result of posting a batch: what happened to each voucher, in the order submitted.</summary>
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
    /// <summary>Whether SQLite's inserts bind by position through its C API (true) or through ADO.NET; the latter
    /// is what other providers use, and tests run it on SQLite too.</summary>
    internal bool NativeInserts { get; set; } = true;

    /// <summary>Errors beyond this many are counted, not listed.</summary>
    public const int MaxReportedErrors = 1000;

    public Task<Outcome<PostingReport>> PostAsync(BookChart chart, VoucherDraft draft, CancellationToken ct = default) =>
        PostAsync(chart, [SourcedDraft.Of(draft, $"voucher {draft.Key}")], ct);

    public async Task<Outcome<PostingReport>> PostAsync(
        BookChart chart, IEnumerable<SourcedDraft> drafts, CancellationToken ct = default)
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

        // A few vouchers in memory (one entered on screen or over the API) are validated here, before the database
        // is taken: a thread of their own would cost more than their validation.
        var inline = drafts is IReadOnlyCollection<SourcedDraft> { Count: <= HandOffBatch } few ? few.Select(item => (Item: item, Validated: Validate(chart, item))).ToList() : null;

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var guard = await PeriodGuard.LoadAsync(db, chart.BookId, time, ct);
        await using var writer = new VoucherWriter(db, chart.BookId, actor, time, NativeInserts);
        var posted = new List<PostedVoucher>();
        long postings = 0;
        void Apply(SourcedDraft item, Outcome<ValidatedVoucher>? validated)
        {
            if (validated is null)
            {
                item.Errors.ToList().ForEach(e => Fail(e.Location is null ? e.At(item.Location) : e));
                return;
            }

            // A key seen earlier in the same batch is settled like any key already used: the unique index finds
            // it, and the same content is the same voucher, other content a conflict naming that voucher.
            var draft = item.Draft!;
            if (!validated.Succeeded)
            {
                validated.Errors.ToList().ForEach(e => Fail(e.Location is null ? e.At(item.VoucherLocation) : e));
                return;
            }

            if (guard.Check(draft.Date) is { } periodError)
            {
                Fail(periodError.At(item.VoucherLocation));
                return;
            }

            if (errors.Count > 0)
            {
                return; // keep validating the rest of the batch, but write nothing more: it will be rolled back
            }

            var written = writer.Write(validated.Value);
            if (!written.Succeeded)
            {
                written.Errors.ToList().ForEach(e => Fail(e.At(item.Location)));
                return;
            }

            posted.Add(written.Value);
            if (!written.Value.AlreadyPosted)
            {
                postings += validated.Value.Lines.Count;
            }
        }

        if (inline is not null)
        {
            inline.ForEach(v => Apply(v.Item, v.Validated));
        }
        else
        {
            // Reading and validating (CPU) run on another core, ahead of the writes (database), through a bounded
            // channel: the batch streams, and the two halves overlap instead of adding up.
            var channel = Channel.CreateBounded<List<(SourcedDraft Item, Outcome<ValidatedVoucher>? Validated)>>(
                new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reading = Task.Factory.StartNew(() => ReadAndValidate(chart, drafts, channel.Writer, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(ct))
                {
                    batch.ForEach(v => Apply(v.Item, v.Validated));
                }
            }
            finally
            {
                await stop.CancelAsync();
                await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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

        writer.Complete();
        await tx.CommitAsync(ct);
        return Outcome<PostingReport>.Success(new PostingReport(posted, postings));
    }

    /// <summary>Vouchers cross between the threads in batches: one hand-off per voucher would cost more than its validation.</summary>
    private const int HandOffBatch = 128;

    /// <summary>The draft checked against the chart; null when reading it already failed (its errors are on the item).</summary>
    private static Outcome<ValidatedVoucher>? Validate(BookChart chart, SourcedDraft item) =>
        item.Draft is null || item.Errors.Count > 0 ? null : VoucherRules.Validate(item.Draft, chart, item.LineLocation);

    /// <summary>Runs on a thread of its own (the drafts may come from a file being read synchronously).</summary>
    private static void ReadAndValidate(
        BookChart chart, IEnumerable<SourcedDraft> drafts,
        ChannelWriter<List<(SourcedDraft, Outcome<ValidatedVoucher>?)>> output, CancellationToken ct)
    {
        try
        {
            var batch = new List<(SourcedDraft, Outcome<ValidatedVoucher>?)>(HandOffBatch);
            foreach (var item in drafts)
            {
                ct.ThrowIfCancellationRequested();
                batch.Add((item, Validate(chart, item)));
                if (batch.Count == HandOffBatch)
                {
                    Send(output, batch, ct);
                    batch = new(HandOffBatch);
                }
            }

            if (batch.Count > 0)
            {
                Send(output, batch, ct);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex); // the writing side rethrows it, and nothing is committed
        }
    }

    /// <summary>Blocks this dedicated thread while the channel is full (backpressure keeps memory flat).</summary>
    private static void Send<T>(ChannelWriter<T> output, T item, CancellationToken ct)
    {
        while (!output.TryWrite(item))
        {
            if (!output.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
    }
}
