using System.Text.Json;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using AssetLedger.Rules.SplitPayment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AssetLedger.Rules.Engine;

public sealed record RunReport(IReadOnlyList<Alert> Raised, int Resolved, int Books, int VouchersRead, int AssetEventsRead);

/// <summary>
/// One evaluation. New-entry rules: for each book with vouchers or register events past its watermark, what is new
/// becomes facts and the rules look at them (the frequent job). Calendar rules: the state of every book on the
/// evaluation day — contracts and their schedules, idle balances (the daily job). Each rule uses the parameters in
/// force for the book; its findings become alerts unless the same fact already raised one, which the alerts' unique
/// key decides as they are inserted. A reversal resolves the alerts of the voucher it reverses. Facts are read
/// first; the alerts, the notifications they owe their subscribers (the outbox), SPLIT_PAYMENT's payment index and
/// the new watermarks are then written in one transaction, so a crash in between loses nothing and doubles nothing.
/// </summary>
public sealed class RuleEngine(
    LedgerDbContext ledger, RulesDbContext rules, BookDirectory books, ContractRegister contracts, DepreciationRuns depreciation, Budgets.BudgetService budgets,
    Actor actor, TimeProvider time)
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
        var watermarks = await rules.RuleWatermarks.AsNoTracking().ToDictionaryAsync(w => w.BookId, ct);
        var today = asOf ?? LedgerClock.Today(time);
        var (newEntries, calendar) = (evaluation.HasFlag(Evaluation.NewEntries), evaluation.HasFlag(Evaluation.Calendar));

        // The streams' heads now: this run reads up to them, and every book in scope has then been read up to them.
        var heads = newEntries ? await HeadsAsync(ct) : null;
        var withNewEntries = heads is null ? [] : full ? bookRefs.Select(b => b.Book.Id).ToHashSet() : await BooksWithNewEntriesAsync(bookRefs, watermarks, heads, ct);

        // 1. Read: facts and findings per book.
        var work = new List<BookWork>();
        int vouchersRead = 0, eventsRead = 0;
        foreach (var b in bookRefs)
        {
            var hasNew = withNewEntries.Contains(b.Book.Id);
            if (!hasNew && !calendar)
            {
                continue;
            }

            var chain = Organization.ChainOf(orgs, b.Organization.Id);
            var parameters = RuleCatalog.All.ToDictionary(r => r.Definition.Id, r => RuleSettings.Resolve(r.Definition, chain, settings));
            var window = hasNew ? FactWindow.After(full ? null : watermarks.GetValueOrDefault(b.Book.Id), heads!) : null;
            var (facts, payments) = await FactsAsync(b, window, calendar, today, SplitPaymentRule.LookBackDays(parameters[SplitPaymentRule.Id]), ct);
            vouchersRead += facts.NewVouchers.Count;
            eventsRead += facts.NewAssetEvents.Count + facts.NewResourceEvents.Count;

            var findings = RuleCatalog.All
                .Where(r => r.Definition.Trigger == RuleTrigger.NewEntries ? hasNew : calendar)
                .SelectMany(r => r.Evaluate(facts, parameters[r.Definition.Id])).ToList();
            var reversals = facts.NewVouchers.Where(v => v.Reverses is not null).Select(v => (v.Reverses!.Value, v.Number)).ToList();
            work.Add(new BookWork(b.Book.Id, chain, findings, parameters, reversals, payments));
        }

        // 2. Write: alerts, resolutions, the payment index and the watermarks together.
        var raised = new List<Alert>();
        var resolved = 0;
        await using var tx = await rules.Database.BeginTransactionAsync(ct);
        var now = LedgerClock.UtcNow(time);
        var connection = rules.Database.GetDbConnection();
        using var insertAlert = BulkInsert.PrepareReturningId(connection, tx.GetDbTransaction(), """
            INSERT INTO alerts (book_id, rule_id, severity, subject_key, "window", amount, occurred_on, parameters, evidence, explanation, raised_at_utc, state)
            VALUES (@book_id, @rule_id, @severity, @subject_key, @window, @amount, @occurred_on, @parameters, @evidence, @explanation, @raised_at_utc, @state)
            ON CONFLICT (book_id, rule_id, subject_key, "window") DO NOTHING
            """);
        using var insertPayment = BulkInsert.Prepare(connection, tx.GetDbTransaction(), """
            INSERT INTO payment_index (voucher_id, book_id, counterparty_id, date, amount, number)
            VALUES (@voucher_id, @book_id, @counterparty_id, @date, @amount, @number)
            ON CONFLICT (voucher_id) DO NOTHING
            """);
        using var outbox = new NotificationOutbox(await rules.Subscribers.AsNoTracking().ToListAsync(ct), connection, tx.GetDbTransaction());
        foreach (var w in work)
        {
            // The same fact never raises two alerts: the unique key skips it. A full run, which finds again most of
            // what was raised, first reads the book's keys to spare their evidence and the conflicting inserts.
            var known = full ? await KnownKeysAsync(w.BookId, ct) : [];
            var parametersJson = new Dictionary<string, string>();
            var candidates = new List<Alert>();
            foreach (var f in w.Findings)
            {
                if (known.Contains((f.RuleId, f.SubjectKey, f.Window)))
                {
                    continue;
                }

                if (!parametersJson.TryGetValue(f.RuleId, out var parameters))
                {
                    parameters = JsonSerializer.Serialize(w.Parameters[f.RuleId].Values, AuditLog.Json);
                    parametersJson[f.RuleId] = parameters;
                }

                var alert = new Alert
                {
                    BookId = w.BookId, RuleId = f.RuleId, Severity = f.Severity, SubjectKey = f.SubjectKey, Window = f.Window, Amount = f.Amount,
                    OccurredOn = f.OccurredOn, Explanation = f.Explanation, RaisedAtUtc = now, State = AlertState.Open,
                    Parameters = parameters,
                    Evidence = JsonSerializer.Serialize(f.Evidence, AuditLog.Json),
                };
                Queue(insertAlert, alert);
                candidates.Add(alert);
            }

            // The book's alerts go to the database together (one round trip per few hundred on a server); those the
            // unique key skipped come back without an id.
            var ids = insertAlert.ExecuteQueued();
            for (var i = 0; i < candidates.Count; i++)
            {
                if (ids[i] is { } id)
                {
                    var alert = candidates[i];
                    alert.Id = id;
                    raised.Add(alert);
                    outbox.Enqueue(alert, w.Chain, now);
                }
            }

            foreach (var p in w.Payments)
            {
                insertPayment.Set(0, p.VoucherId);
                insertPayment.Set(1, p.BookId);
                insertPayment.Set(2, p.CounterpartyId);
                insertPayment.Set(3, p.Date);
                insertPayment.Set(4, p.Amount);
                insertPayment.Set(5, p.Number);
                insertPayment.Queue();
            }

            insertPayment.ExecuteQueued();

            // A reversal resolves the reversed voucher's alerts — also those this run has just raised.
            foreach (var (reversed, number) in w.Reversals)
            {
                var key = $"voucher:{reversed}";
                foreach (var alert in await rules.Alerts.Where(a => a.BookId == w.BookId && a.SubjectKey == key && (a.State == AlertState.Open || a.State == AlertState.Acknowledged)).ToListAsync(ct))
                {
                    rules.AlertTransitions.Add(new AlertTransition { AlertId = alert.Id, From = alert.State, To = AlertState.Resolved, Actor = actor.Name, AtUtc = now, Comment = $"凭证已被{number}红字冲销" });
                    alert.State = AlertState.Resolved;
                    raised.Find(a => a.Id == alert.Id)?.State = AlertState.Resolved;
                    resolved++;
                }
            }
        }

        if (heads is not null)
        {
            await MoveWatermarksAsync(bookRefs.Select(b => b.Book.Id).ToList(), watermarks, heads, now, ct);
        }

        await rules.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<RunReport>.Success(new RunReport(raised, resolved, bookRefs.Count, vouchersRead, eventsRead));
    }

    private sealed record BookWork(
        int BookId, IReadOnlyList<int> Chain, List<Finding> Findings, Dictionary<string, RuleParameters> Parameters, List<(long Reversed, string Number)> Reversals, List<IndexedPayment> Payments);

    /// <summary>The highest voucher, asset-event and resource-event ids in the ledger.</summary>
    private sealed record StreamHeads(long Voucher, long AssetEvent, long ResourceEvent);

    private async Task<StreamHeads> HeadsAsync(CancellationToken ct) => new(
        await ledger.Vouchers.MaxAsync(v => (long?)v.Id, ct) ?? 0,
        await ledger.AssetEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0,
        await ledger.ResourceEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0);

    /// <summary>
    /// The books with an entry past their watermark: one range read per stream, from the lowest watermark in scope to
    /// the head — so a run costs what was posted since, however many books are idle.
    /// </summary>
    private async Task<HashSet<int>> BooksWithNewEntriesAsync(IReadOnlyList<BookRef> scope, Dictionary<int, RuleWatermark> marks, StreamHeads heads, CancellationToken ct)
    {
        RuleWatermark Mark(BookRef b) => marks.GetValueOrDefault(b.Book.Id) ?? new RuleWatermark { BookId = b.Book.Id };
        var (v0, a0, r0) = (scope.Min(b => Mark(b).LastVoucherId), scope.Min(b => Mark(b).LastAssetEventId), scope.Min(b => Mark(b).LastResourceEventId));
        var vouchers = await ledger.Vouchers.AsNoTracking().Where(v => v.Id > v0 && v.Id <= heads.Voucher)
            .GroupBy(v => v.BookId).Select(g => new { g.Key, Head = g.Max(v => v.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        var assetEvents = await ledger.AssetEvents.AsNoTracking().Where(e => e.Id > a0 && e.Id <= heads.AssetEvent)
            .GroupBy(e => e.BookId).Select(g => new { g.Key, Head = g.Max(e => e.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        var resourceEvents = await ledger.ResourceEvents.AsNoTracking().Where(e => e.Id > r0 && e.Id <= heads.ResourceEvent)
            .GroupBy(e => e.BookId).Select(g => new { g.Key, Head = g.Max(e => e.Id) }).ToDictionaryAsync(x => x.Key, x => x.Head, ct);
        return scope.Select(b => (Id: b.Book.Id, Mark: Mark(b)))
            .Where(b => vouchers.GetValueOrDefault(b.Id) > b.Mark.LastVoucherId || assetEvents.GetValueOrDefault(b.Id) > b.Mark.LastAssetEventId
                || resourceEvents.GetValueOrDefault(b.Id) > b.Mark.LastResourceEventId)
            .Select(b => b.Id).ToHashSet();
    }

    /// <summary>Every book in scope has been read up to the heads: one UPDATE for those with marks, an INSERT for the rest.</summary>
    private async Task MoveWatermarksAsync(List<int> bookIds, Dictionary<int, RuleWatermark> marks, StreamHeads heads, DateTime now, CancellationToken ct)
    {
        var existing = bookIds.Where(marks.ContainsKey).ToList();
        foreach (var chunk in existing.Chunk(500))
        {
            await rules.RuleWatermarks.Where(w => chunk.Contains(w.BookId)).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.LastVoucherId, heads.Voucher)
                .SetProperty(w => w.LastAssetEventId, heads.AssetEvent)
                .SetProperty(w => w.LastResourceEventId, heads.ResourceEvent)
                .SetProperty(w => w.UpdatedAtUtc, now), ct);
        }

        rules.RuleWatermarks.AddRange(bookIds.Where(id => !marks.ContainsKey(id)).Select(id => new RuleWatermark
        {
            BookId = id, LastVoucherId = heads.Voucher, LastAssetEventId = heads.AssetEvent, LastResourceEventId = heads.ResourceEvent, UpdatedAtUtc = now,
        }));
    }

    private async Task<HashSet<(string Rule, string Subject, string Window)>> KnownKeysAsync(int bookId, CancellationToken ct) =>
        (await rules.Alerts.AsNoTracking().Where(a => a.BookId == bookId).Select(a => new { a.RuleId, a.SubjectKey, a.Window }).ToListAsync(ct))
            .Select(a => (a.RuleId, a.SubjectKey, a.Window)).ToHashSet();

    private static void Queue(BulkInsert insert, Alert alert)
    {
        insert.Set(0, alert.BookId);
        insert.Set(1, alert.RuleId);
        insert.Set(2, alert.Severity.ToString());
        insert.Set(3, alert.SubjectKey);
        insert.Set(4, alert.Window);
        insert.Set(5, alert.Amount);
        insert.Set(6, alert.OccurredOn);
        insert.Set(7, alert.Parameters);
        insert.Set(8, alert.Evidence);
        insert.Set(9, alert.Explanation);
        insert.Set(10, alert.RaisedAtUtc);
        insert.Set(11, alert.State.ToString());
        insert.QueueReturningId();
    }


    /// <summary>
    /// <c>rules backtest</c>: one rule, with proposed parameters over the ones in force, over what is dated in a past
    /// range — what it would have raised. Nothing is written.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<BacktestFinding>>> BacktestAsync(
        string orgCode, string ruleId, DateOnly from, DateOnly to, IReadOnlyDictionary<string, decimal> proposed, CancellationToken ct = default)
    {
        var rule = RuleCatalog.All.FirstOrDefault(r => r.Definition.Id == ruleId);
        if (rule is null)
        {
            return new LedgerError("rule.unknown", $"'{ruleId}' is not a rule (see `rules list`)");
        }

        var unknown = proposed.Keys.Where(k => !rule.Definition.Defaults.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            return new LedgerError("rule.parameter_unknown",
                $"{ruleId} has no parameter {string.Join(", ", unknown)}; it has {string.Join(", ", rule.Definition.Defaults.Keys)}");
        }

        if (from > to)
        {
            return new LedgerError("backtest.range_invalid", $"the range starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd})");
        }

        var scope = await books.FindBooksUnderAsync(orgCode, ct);
        if (!scope.Succeeded)
        {
            return Outcome<IReadOnlyList<BacktestFinding>>.Failure(scope.Errors);
        }

        var orgs = await ledger.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var settings = await RuleSettings.InForceAsync(rules, ct);
        var result = new List<BacktestFinding>();
        foreach (var b in scope.Value)
        {
            var inForce = RuleSettings.Resolve(rule.Definition, Organization.ChainOf(orgs, b.Organization.Id), settings).Values;
            var parameters = new RuleParameters(inForce.ToDictionary(p => p.Key, p => proposed.TryGetValue(p.Key, out var v) ? v : p.Value));
            var lookBack = rule is SplitPaymentRule ? SplitPaymentRule.LookBackDays(parameters) : 0;
            var (facts, _) = await FactsAsync(b, FactWindow.Between(from, to), rule.Definition.Trigger == RuleTrigger.Calendar, to, lookBack, ct);
            result.AddRange(rule.Evaluate(facts, parameters).Select(f => new BacktestFinding(b.Organization.Code, f)));
        }

        return Outcome<IReadOnlyList<BacktestFinding>>.Success(result);
    }

    /// <summary>Which entries a run reads: past the watermarks up to the heads (a run), or what is dated in a range (a backtest).</summary>
    private sealed record FactWindow(VoucherRange Vouchers, long AfterAssetEvent, long ThroughAssetEvent, long AfterResourceEvent, long ThroughResourceEvent)
    {
        public bool IsDateRange => Vouchers.From != DateOnly.MinValue || Vouchers.To != DateOnly.MaxValue;

        public static FactWindow After(RuleWatermark? mark, StreamHeads heads) =>
            new(new VoucherRange(0, mark?.LastVoucherId ?? 0, heads.Voucher), mark?.LastAssetEventId ?? 0, heads.AssetEvent, mark?.LastResourceEventId ?? 0, heads.ResourceEvent);

        public static FactWindow Between(DateOnly from, DateOnly to) =>
            new(new VoucherRange(0) { From = from, To = to }, 0, long.MaxValue, 0, long.MaxValue);
    }

    /// <param name="entries">The new entries to read, or null when the book has none (a calendar-only look).</param>
    /// <param name="calendar">Whether to read the book's state on <paramref name="today"/> for the calendar rules.</param>
    /// <param name="lookBackDays">How far before the earliest new payment SPLIT_PAYMENT looks.</param>
    private async Task<(RuleFacts Facts, List<IndexedPayment> Payments)> FactsAsync(
        BookRef b, FactWindow? entries, bool calendar, DateOnly today, int lookBackDays, CancellationToken ct)
    {
        var bookId = b.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        var counterparties = await ledger.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        List<VoucherFact> vouchers = [];
        List<PaymentFact> earlier = [];
        HashSet<long> reversed = [];
        List<IndexedPayment> payments = [];
        List<AssetEvent> events = [];
        Dictionary<long, FixedAsset> assets = [];
        List<ResourceEvent> resourceEvents = [];
        Dictionary<long, Resource> resources = [];
        List<CashDay> cashDays = [];
        long? oneMatter = null;
        IReadOnlyList<Budgets.BudgetExecution> executions = [];
        AccountingPeriod? budgetPeriod = null;
        if (entries is { } w)
        {
            if (w.IsDateRange)
            {
                // A backtest: the range, and before it the look-back, straight from the posting log.
                var from = w.Vouchers.From;
                var read = VoucherFacts(chart, counterparties, await ledger.ReadPostedAsync(
                    w.Vouchers with { BookId = bookId, From = from.AddDays(-lookBackDays) }, ct));
                vouchers = read.Where(v => v.Date >= from).ToList();
                earlier = read.Where(v => v.Date < from).Select(PaymentFact.Of).OfType<PaymentFact>().ToList();
            }
            else
            {
                vouchers = VoucherFacts(chart, counterparties, await ledger.ReadPostedAsync(w.Vouchers with { BookId = bookId }, ct));
                var ids = counterparties.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);
                payments = vouchers.Select(PaymentFact.Of).OfType<PaymentFact>().Select(p => new IndexedPayment
                {
                    VoucherId = p.VoucherId, BookId = bookId, CounterpartyId = ids[p.Counterparty], Date = p.Date, Amount = p.Amount, Number = p.Number,
                }).ToList();
                earlier = await EarlierPaymentsAsync(bookId, counterparties, payments, w.Vouchers.AfterId, lookBackDays, ct);
            }

            reversed = await ReversedAsync(bookId, earlier.Select(p => p.VoucherId).Concat(vouchers.Select(PaymentFact.Of).OfType<PaymentFact>().Select(p => p.VoucherId)).ToList(), ct);
            events = await ledger.AssetEvents.AsNoTracking()
                .Where(e => e.BookId == bookId && e.Id > w.AfterAssetEvent && e.Id <= w.ThroughAssetEvent && e.Date >= w.Vouchers.From && e.Date <= w.Vouchers.To)
                .OrderBy(e => e.Id).ToListAsync(ct);
            var assetIds = events.Select(e => e.AssetId).Distinct().ToList();
            assets = await ledger.FixedAssets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            resourceEvents = await ledger.ResourceEvents.AsNoTracking()
                .Where(e => e.BookId == bookId && e.Id > w.AfterResourceEvent && e.Id <= w.ThroughResourceEvent && e.Date >= w.Vouchers.From && e.Date <= w.Vouchers.To)
                .OrderBy(e => e.Id).ToListAsync(ct);
            var resourceIds = resourceEvents.Select(e => e.ResourceId).Distinct().ToList();
            resources = await ledger.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            cashDays = await CashDaysAsync(chart, vouchers, complete: !w.IsDateRange && w.Vouchers.AfterId == 0, ct);
            oneMatter = await OneMatterBalanceAsync(chart, vouchers, ct);

            // Budgets are compared through the latest month the new vouchers reached.
            budgetPeriod = vouchers.Count == 0 ? null : vouchers.Select(v => AccountingPeriod.Of(v.Date)).Max();
            executions = budgetPeriod is { } bp ? await budgets.ExecutionAsync(chart, b.Organization.Code, bp, ct) : [];
        }

        var schedules = calendar ? await contracts.SchedulesAsync(bookId, ct) : [];
        var balances = calendar ? await CounterpartyBalancesAsync(chart, counterparties, ct) : [];
        var proposal = calendar ? await depreciation.ProposeAsync(bookId, DepreciationMonth(today), ct) : null;
        var cashBook = calendar ? await CashBookAsync(chart, counterparties, today, ct) : null;
        return (new RuleFacts(bookId, b.Organization.Code, today, vouchers, events, assets, cashDays, oneMatter, resourceEvents, resources,
            schedules, executions, budgetPeriod, earlier, reversed, balances, proposal, cashBook), payments);
    }

    /// <summary>For CASH_RECEIPT_LATE: cash from the first day of last month to <paramref name="today"/>, with its opening.</summary>
    private async Task<CashBook> CashBookAsync(BookChart chart, Dictionary<int, string> counterparties, DateOnly today, CancellationToken ct)
    {
        static bool IsCash(string code) => code.StartsWith("101", StringComparison.Ordinal);
        var from = AccountingPeriod.Of(AccountingPeriod.Of(today).FirstDay.AddDays(-1));
        var cashIds = chart.Accounts.Where(a => IsCash(a.Code)).Select(a => a.Id).ToList();
        var opening = await ledger.Balances.AsNoTracking().Where(x => x.BookId == chart.BookId && cashIds.Contains(x.AccountId) && x.Period < from.Key)
            .SumAsync(x => x.Debit - x.Credit, ct);
        var vouchers = VoucherFacts(chart, counterparties, await ledger.ReadPostedAsync(new VoucherRange(chart.BookId) { From = from.FirstDay, To = today }, ct));
        var reversed = vouchers.Where(v => v.Reverses is not null).Select(v => v.Reverses!.Value).ToHashSet();
        var movements = vouchers
            .Where(v => v.Reverses is null && !reversed.Contains(v.Id) && v.Lines.Any(l => IsCash(l.Account)))
            .Select(v =>
            {
                var net = v.Lines.Where(l => IsCash(l.Account)).Sum(l => l.Debit - l.Credit);
                var fromBank = v.Lines.Any(l => l.Account.StartsWith("102", StringComparison.Ordinal) && l.Credit > 0);
                return new CashMovement(v.Id, v.Number, v.Date, Math.Max(net, 0), Math.Max(-net, 0), net > 0 && !fromBank);
            })
            .Where(m => m.In > 0 || m.Out > 0)
            .OrderBy(m => m.Date).ThenBy(m => m.VoucherId).ToList();
        return new CashBook(from.FirstDay, opening, movements);
    }

    /// <summary>For DEPRECIATION_DUE: the month whose depreciation is proposed on a day — its own on its last day, else the one before.</summary>
    private static AccountingPeriod DepreciationMonth(DateOnly day)
    {
        var month = AccountingPeriod.Of(day);
        return day == month.LastDay ? month : AccountingPeriod.Of(month.FirstDay.AddDays(-1));
    }

    /// <summary>For STALE_BALANCE: every open 112/113/211 balance with a counterparty, and the last month it moved.</summary>
    private async Task<List<CounterpartyBalance>> CounterpartyBalancesAsync(BookChart chart, Dictionary<int, string> counterparties, CancellationToken ct)
    {
        static bool IsCurrentAccount(string code) =>
            code.StartsWith("112", StringComparison.Ordinal) || code.StartsWith("113", StringComparison.Ordinal) || code.StartsWith("211", StringComparison.Ordinal);
        var ids = chart.Accounts.Where(a => IsCurrentAccount(a.Code)).Select(a => a.Id).ToList();
        var rows = await ledger.Balances.AsNoTracking()
            .Where(x => x.BookId == chart.BookId && ids.Contains(x.AccountId) && x.CounterpartyKey != 0)
            .GroupBy(x => new { x.AccountId, x.CounterpartyKey })
            .Select(g => new { g.Key.AccountId, g.Key.CounterpartyKey, Net = g.Sum(x => x.Debit - x.Credit), Last = g.Max(x => x.Period) })
            .ToListAsync(ct);
        return rows.Where(r => r.Net != 0)
            .Select(r => new CounterpartyBalance(chart[r.AccountId].Code, chart.FullName(chart[r.AccountId]), counterparties[r.CounterpartyKey], r.Net, r.Last))
            .OrderBy(b => b.AccountCode, StringComparer.Ordinal).ThenBy(b => b.Counterparty, StringComparer.Ordinal).ToList();
    }

    private static List<VoucherFact> VoucherFacts(BookChart chart, Dictionary<int, string> counterparties, List<LoggedVoucher> vouchers) =>
        vouchers.Select(v => new VoucherFact(v.Id, VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number), v.Date, v.Resolution, v.ReversesVoucherId,
            v.Lines.Select(p => new LineFact(chart[p.AccountId].Code, p.CounterpartyId is { } c ? counterparties[c] : null, p.Debit, p.Credit, p.Summary)).ToList())).ToList();

    /// <summary>
    /// For SPLIT_PAYMENT: from the payment index, the payments read in earlier runs to the counterparties the new
    /// payments go to, dated up to <paramref name="lookBackDays"/> before the earliest of them.
    /// </summary>
    private async Task<List<PaymentFact>> EarlierPaymentsAsync(
        int bookId, Dictionary<int, string> counterparties, List<IndexedPayment> fresh, long readThrough, int lookBackDays, CancellationToken ct)
    {
        if (fresh.Count == 0 || readThrough == 0)
        {
            return [];
        }

        var since = fresh.Min(p => p.Date).AddDays(-lookBackDays);
        var result = new List<PaymentFact>();
        foreach (var chunk in fresh.Select(p => p.CounterpartyId).Distinct().Chunk(500))
        {
            var rows = await rules.PaymentIndex.AsNoTracking()
                .Where(p => p.BookId == bookId && chunk.Contains(p.CounterpartyId) && p.Date >= since && p.VoucherId <= readThrough).ToListAsync(ct);
            result.AddRange(rows.Select(r => new PaymentFact(r.VoucherId, r.Number, r.Date, counterparties[r.CounterpartyId], r.Amount)));
        }

        return result;
    }

    /// <summary>
    /// Which of these vouchers a red-ink reversal has reversed: one range read of the reversals' unique index over
    /// the candidates' ids (reversals are few).
    /// </summary>
    private async Task<HashSet<long>> ReversedAsync(int bookId, List<long> voucherIds, CancellationToken ct)
    {
        if (voucherIds.Count == 0)
        {
            return [];
        }

        var (first, last) = (voucherIds.Min(), voucherIds.Max());
        var reversed = await ledger.Vouchers.AsNoTracking()
            .Where(v => v.ReversesVoucherId >= first && v.ReversesVoucherId <= last && v.BookId == bookId)
            .Select(v => v.ReversesVoucherId!.Value).ToListAsync(ct);
        var candidates = voucherIds.ToHashSet();
        return reversed.Where(candidates.Contains).ToHashSet();
    }

    /// <summary>
    /// Cash (101 and its details) at the end of each day that new postings to it touched: each month's opening from
    /// the maintained monthly balances, plus that month's movements day by day up to the day — summed from the facts
    /// when they hold the whole book (<paramref name="complete"/>: a full run, or a book's first), else read in one query.
    /// </summary>
    private async Task<List<CashDay>> CashDaysAsync(BookChart chart, List<VoucherFact> facts, bool complete, CancellationToken ct)
    {
        static bool IsCash(string code) => code.StartsWith("101", StringComparison.Ordinal);
        var days = facts.Where(v => v.Lines.Any(l => IsCash(l.Account))).Select(v => v.Date).Distinct().Order().ToList();
        if (days.Count == 0)
        {
            return [];
        }

        var cashIds = chart.Accounts.Where(a => IsCash(a.Code)).Select(a => a.Id).ToList();
        var months = days.Select(d => AccountingPeriod.Of(d).Key).Distinct().ToList();
        var monthly = await ledger.Balances.AsNoTracking().Where(x => x.BookId == chart.BookId && cashIds.Contains(x.AccountId))
            .GroupBy(x => x.Period).Select(g => new { Period = g.Key, Net = g.Sum(x => x.Debit - x.Credit) }).ToListAsync(ct);
        var daily = complete
            ? facts.SelectMany(v => v.Lines.Where(l => IsCash(l.Account)).Select(l => (v.Date, Net: l.Debit - l.Credit)))
                .GroupBy(x => x.Date).Select(g => (Date: g.Key, Net: g.Sum(x => x.Net))).ToList()
            : (await (from v in ledger.Vouchers.AsNoTracking()
                      from p in ledger.Postings
                      where v.BookId == chart.BookId && months.Contains(v.Period) && p.Id >= v.FirstPostingId && p.Id < v.FirstPostingId + v.LineCount
                            && cashIds.Contains(p.AccountId)
                      group p by v.Date into day
                      select new { Date = day.Key, Net = day.Sum(p => p.Debit - p.Credit) }).ToListAsync(ct)).Select(d => (d.Date, d.Net)).ToList();
        // Walk the days and the movements together, both in date order, restarting at each month's opening.
        daily.Sort((a, b) => a.Date.CompareTo(b.Date));
        var result = new List<CashDay>(days.Count);
        var (next, month, balance) = (0, (AccountingPeriod?)null, 0L);
        foreach (var day in days)
        {
            if (AccountingPeriod.Of(day) is var m && m != month)
            {
                (month, balance) = (m, monthly.Where(x => x.Period < m.Key).Sum(x => x.Net));
                while (next < daily.Count && daily[next].Date < m.FirstDay)
                {
                    next++;
                }
            }

            for (; next < daily.Count && daily[next].Date <= day; next++)
            {
                balance += daily[next].Net;
            }

            result.Add(new CashDay(day, balance));
        }

        return result;
    }

    /// <summary>The debit balance of 231 一事一议资金 now, when new postings touched it.</summary>
    private async Task<long?> OneMatterBalanceAsync(BookChart chart, List<VoucherFact> facts, CancellationToken ct)
    {
        if (!facts.Any(v => v.Lines.Any(l => l.Account.StartsWith("231", StringComparison.Ordinal))))
        {
            return null;
        }

        var ids = chart.Accounts.Where(a => a.Code.StartsWith("231", StringComparison.Ordinal)).Select(a => a.Id).ToList();
        return await ledger.Balances.AsNoTracking().Where(x => x.BookId == chart.BookId && ids.Contains(x.AccountId)).SumAsync(x => x.Debit - x.Credit, ct);
    }
}
