using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AssetLedger.Rules.Engine;

public sealed record RunReport(IReadOnlyList<Alerts.Alert> Raised, int Resolved, int Books, int VouchersRead, int AssetEventsRead);

/// <summary>
/// One evaluation, orchestrated. New-entry rules: for each book with vouchers or register events past its watermark
/// (<see cref="Watermarks"/>), what is new becomes facts (<see cref="FactReader"/>: the new vouchers and the sources
/// the rules declare) and the rules look at them (the frequent job). Calendar rules: the state of every book on the
/// evaluation day (the daily job). Each rule uses the parameters in force for the book. Facts are read first; the
/// alerts, their notifications, the payment index (<see cref="AlertWriter"/>) and the new watermarks are then
/// written in one transaction, so a crash in between loses nothing and doubles nothing. Backtests:
/// <see cref="RuleBacktest"/>.
/// </summary>
public sealed class RuleEngine(
    LedgerDbContext ledger, RulesDbContext rules, BookDirectory books, FactReader reader, Watermarks watermarks, AlertWriter writer, TimeProvider time)
{
    /// <param name="full">Read every entry again, not only what is past the watermarks (a backfill, e.g. after a new
    /// rule or a changed parameter): the alerts' unique keys keep what was raised from being raised again.</param>
    /// <param name="evaluation">Which rules: those triggered by new entries, by the calendar, or both (the command line).</param>
    public async Task<Outcome<RunReport>> RunAsync(
        string? orgCode = null, DateOnly? asOf = null, bool full = false, Evaluation evaluation = Evaluation.All, CancellationToken ct = default)
    {
        var scope = orgCode is null ? null : await books.FindBooksUnderAsync(orgCode, ct);
        if (scope is { Succeeded: false })
        {
            return Outcome<RunReport>.Failure(scope.Errors);
        }

        var orgs = await ledger.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var bookRefs = scope?.Value ?? (await ledger.Books.AsNoTracking().ToListAsync(ct)).Select(b => new BookRef(orgs[b.OrganizationId], b)).ToList();
        var settings = await RuleSettings.InForceAsync(rules, ct);
        var marks = await watermarks.LoadAsync(ct);
        var today = asOf ?? LedgerClock.Today(time);
        var (newEntries, calendar) = (evaluation.HasFlag(Evaluation.NewEntries), evaluation.HasFlag(Evaluation.Calendar));

        // The streams' heads now: this run reads up to them, and every book in scope has then been read up to them.
        var heads = newEntries ? await watermarks.HeadsAsync(ct) : null;
        var withNewEntries = heads is null ? [] : full ? bookRefs.Select(b => b.Book.Id).ToHashSet() : await watermarks.BooksWithNewEntriesAsync(bookRefs, marks, heads, ct);

        // 1. Read: facts and findings per book.
        var work = new List<BookWork>();
        int vouchersRead = 0, eventsRead = 0;
        foreach (var b in bookRefs)
        {
            var hasNew = withNewEntries.Contains(b.Book.Id);
            var due = RuleCatalog.All.Where(r => r.Definition.Trigger == RuleTrigger.NewEntries ? hasNew : calendar).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            var chain = Organization.ChainOf(orgs, b.Organization.Id);
            var parameters = RuleCatalog.All.ToDictionary(r => r.Definition.Id, r => RuleSettings.Resolve(r.Definition, chain, settings));
            var window = hasNew ? FactWindow.After(full ? null : marks.GetValueOrDefault(b.Book.Id), heads!) : null;
            var (facts, payments) = await reader.ReadAsync(b, window, today, due, parameters, ct);
            vouchersRead += facts.NewVouchers.Count;
            eventsRead += facts.RegisterEventsRead;

            var findings = due.SelectMany(r => r.Evaluate(facts, parameters[r.Definition.Id])).ToList();
            var reversals = facts.NewVouchers.Where(v => v.Reverses is not null).Select(v => (v.Reverses!.Value, v.Number)).ToList();
            work.Add(new BookWork(b.Book.Id, chain, findings, parameters, reversals, payments));
        }

        // 2. Write: alerts, resolutions, the payment index and the watermarks together.
        await using var tx = await rules.Database.BeginTransactionAsync(ct);
        var now = LedgerClock.UtcNow(time);
        var (raised, resolved) = await writer.WriteAsync(work, full, tx.GetDbTransaction(), now, ct);
        if (heads is not null)
        {
            await watermarks.MoveAsync(bookRefs.Select(b => b.Book.Id).ToList(), marks, heads, now, ct);
        }

        await rules.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<RunReport>.Success(new RunReport(raised, resolved, bookRefs.Count, vouchersRead, eventsRead));
    }
}
