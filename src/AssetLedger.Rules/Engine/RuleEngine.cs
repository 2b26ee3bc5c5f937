using System.Text.Json;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Engine;

public sealed record RunReport(IReadOnlyList<Alert> Raised, int Resolved, int Books, int VouchersRead, int AssetEventsRead);

/// <summary>
/// One evaluation: for each book, what was posted or registered since its watermark becomes facts — with the
/// date-driven facts of the evaluation day (contracts and their schedules) — every rule looks at them with the
/// parameters in force for that book, and the findings become alerts unless the same fact already raised one. A reversal resolves the alerts of the voucher it reverses. Facts are read first; the alerts and the new
/// watermarks are then written in one transaction, so a crash in between loses nothing and doubles nothing.
/// </summary>
public sealed class RuleEngine(
    LedgerDbContext ledger, RulesDbContext rules, BookDirectory books, ContractRegister contracts, Budgets.BudgetService budgets, Actor actor, TimeProvider time)
{
    /// <param name="full">Read everything again, not only what is past the watermarks (a backfill, e.g. after a new rule
    /// or a changed parameter): the alerts' unique keys keep what was raised from being raised again.</param>
    public async Task<Outcome<RunReport>> RunAsync(string? orgCode = null, DateOnly? asOf = null, bool full = false, CancellationToken ct = default)
    {
        var scope = orgCode is null ? null : await books.FindBooksUnderAsync(orgCode, ct);
        if (scope is { Succeeded: false })
        {
            return Outcome<RunReport>.Failure(scope.Errors);
        }

        var orgs = await ledger.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var allBooks = await ledger.Books.AsNoTracking().ToListAsync(ct);
        var bookRefs = scope?.Value ?? allBooks.Select(b => new BookRef(orgs[b.OrganizationId], b)).ToList();
        var settings = await RuleSettings.InForceAsync(rules, ct);
        var watermarks = await rules.RuleWatermarks.AsNoTracking().ToDictionaryAsync(w => w.BookId, ct);
        var today = asOf ?? LedgerClock.Today(time);

        // 1. Read: facts and findings per book.
        var work = new List<(int BookId, List<Finding> Findings, List<(long Reversed, string Number)> Reversals, long LastVoucher, long LastEvent, long LastResourceEvent)>();
        int vouchersRead = 0, eventsRead = 0;
        foreach (var b in bookRefs)
        {
            var mark = watermarks.GetValueOrDefault(b.Book.Id);
            var facts = await FactsAsync(b, FactWindow.After(full ? null : mark), today, ct);
            vouchersRead += facts.NewVouchers.Count;
            eventsRead += facts.NewAssetEvents.Count + facts.NewResourceEvents.Count;

            var chain = Chain(orgs, b.Organization);
            var findings = RuleCatalog.All.SelectMany(r => r.Evaluate(facts, RuleSettings.Resolve(r.Definition, chain, settings))).ToList();
            var reversals = facts.NewVouchers.Where(v => v.Reverses is not null).Select(v => (v.Reverses!.Value, v.Number)).ToList();
            work.Add((b.Book.Id, findings, reversals,
                Math.Max(mark?.LastVoucherId ?? 0, facts.NewVouchers.Select(v => v.Id).DefaultIfEmpty(0).Max()),
                Math.Max(mark?.LastAssetEventId ?? 0, facts.NewAssetEvents.Select(e => e.Id).DefaultIfEmpty(0).Max()),
                Math.Max(mark?.LastResourceEventId ?? 0, facts.NewResourceEvents.Select(e => e.Id).DefaultIfEmpty(0).Max())));
        }

        // 2. Write: alerts, resolutions and watermarks together.
        var raised = new List<Alert>();
        var resolved = 0;
        await using var tx = await rules.Database.BeginTransactionAsync(ct);
        var now = LedgerClock.UtcNow(time);
        foreach (var (bookId, findings, reversals, lastVoucher, lastEvent, lastResourceEvent) in work)
        {
            // The same fact never raises two alerts: the keys already raised for these subjects, read in chunks.
            var raisedKeys = new HashSet<(string Rule, string Subject, string Window)>();
            foreach (var chunk in findings.Select(f => f.SubjectKey).Distinct().Chunk(500))
            {
                var keys = await rules.Alerts.AsNoTracking().Where(a => a.BookId == bookId && chunk.Contains(a.SubjectKey))
                    .Select(a => new { a.RuleId, a.SubjectKey, a.Window }).ToListAsync(ct);
                raisedKeys.UnionWith(keys.Select(k => (k.RuleId, k.SubjectKey, k.Window)));
            }

            var chain = Chain(orgs, orgs[allBooks.First(x => x.Id == bookId).OrganizationId]);
            var parametersByRule = new Dictionary<string, string>();
            foreach (var f in findings)
            {
                if (!raisedKeys.Add((f.RuleId, f.SubjectKey, f.Window)))
                {
                    continue;
                }

                if (!parametersByRule.TryGetValue(f.RuleId, out var parameters))
                {
                    var definition = RuleCatalog.All.First(r => r.Definition.Id == f.RuleId).Definition;
                    parameters = JsonSerializer.Serialize(RuleSettings.Resolve(definition, chain, settings).Values, AuditLog.Json);
                    parametersByRule[f.RuleId] = parameters;
                }

                var alert = new Alert
                {
                    BookId = bookId, RuleId = f.RuleId, Severity = f.Severity, SubjectKey = f.SubjectKey, Window = f.Window, Amount = f.Amount,
                    OccurredOn = f.OccurredOn, Explanation = f.Explanation, RaisedAtUtc = now, State = AlertState.Open,
                    Parameters = parameters,
                    Evidence = JsonSerializer.Serialize(f.Evidence, AuditLog.Json),
                };
                rules.Alerts.Add(alert);
                raised.Add(alert);
            }

            foreach (var (reversed, number) in reversals)
            {
                var key = $"voucher:{reversed}";
                foreach (var alert in await rules.Alerts.Where(a => a.BookId == bookId && a.SubjectKey == key && (a.State == AlertState.Open || a.State == AlertState.Acknowledged)).ToListAsync(ct))
                {
                    rules.AlertTransitions.Add(new AlertTransition { AlertId = alert.Id, From = alert.State, To = AlertState.Resolved, Actor = actor.Name, AtUtc = now, Comment = $"凭证已被{number}红字冲销" });
                    alert.State = AlertState.Resolved;
                    resolved++;
                }
            }

            var mark = await rules.RuleWatermarks.FindAsync([bookId], ct);
            if (mark is null)
            {
                rules.RuleWatermarks.Add(new RuleWatermark { BookId = bookId, LastVoucherId = lastVoucher, LastAssetEventId = lastEvent, LastResourceEventId = lastResourceEvent, UpdatedAtUtc = now });
            }
            else
            {
                mark.LastVoucherId = lastVoucher;
                mark.LastAssetEventId = lastEvent;
                mark.LastResourceEventId = lastResourceEvent;
                mark.UpdatedAtUtc = now;
            }
        }

        await rules.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<RunReport>.Success(new RunReport(raised, resolved, bookRefs.Count, vouchersRead, eventsRead));
    }

    /// <summary>The organization and those above it: where a parameter is looked up, nearest first.</summary>
    private static List<int> Chain(Dictionary<int, Organization> orgs, Organization org)
    {
        var chain = new List<int>();
        for (Organization? o = org; o is not null; o = o.ParentId is { } p ? orgs[p] : null)
        {
            chain.Add(o.Id);
        }

        return chain;
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
            var facts = await FactsAsync(b, FactWindow.Between(from, to), to, ct);
            var inForce = RuleSettings.Resolve(rule.Definition, Chain(orgs, b.Organization), settings).Values;
            var parameters = new RuleParameters(inForce.ToDictionary(p => p.Key, p => proposed.TryGetValue(p.Key, out var v) ? v : p.Value));
            result.AddRange(rule.Evaluate(facts, parameters).Select(f => new BacktestFinding(b.Organization.Code, f)));
        }

        return Outcome<IReadOnlyList<BacktestFinding>>.Success(result);
    }

    /// <summary>What a run reads: past the watermarks (a run), or what is dated in a range (a backtest).</summary>
    private sealed record FactWindow(long AfterVoucher, long AfterAssetEvent, long AfterResourceEvent, DateOnly? From, DateOnly? To)
    {
        public static FactWindow After(RuleWatermark? mark) =>
            new(mark?.LastVoucherId ?? 0, mark?.LastAssetEventId ?? 0, mark?.LastResourceEventId ?? 0, null, null);

        public static FactWindow Between(DateOnly from, DateOnly to) => new(0, 0, 0, from, to);
    }

    private async Task<RuleFacts> FactsAsync(BookRef b, FactWindow window, DateOnly today, CancellationToken ct)
    {
        var (afterVoucher, afterEvent, afterResourceEvent) = (window.AfterVoucher, window.AfterAssetEvent, window.AfterResourceEvent);
        var (from, to) = (window.From ?? DateOnly.MinValue, window.To ?? DateOnly.MaxValue);
        var bookId = b.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        var vouchers = await ledger.Vouchers.AsNoTracking().Where(v => v.BookId == bookId && v.Id > afterVoucher && v.Date >= from && v.Date <= to).OrderBy(v => v.Id).ToListAsync(ct);
        var counterparties = await ledger.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var facts = await VoucherFactsAsync(chart, counterparties, vouchers, ct);
        var (earlierPayments, reversed) = await EarlierPaymentsAsync(chart, counterparties, facts, window, ct);

        var events = await ledger.AssetEvents.AsNoTracking().Where(e => e.BookId == bookId && e.Id > afterEvent && e.Date >= from && e.Date <= to).OrderBy(e => e.Id).ToListAsync(ct);
        var assetIds = events.Select(e => e.AssetId).Distinct().ToList();
        var assets = await ledger.FixedAssets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var resourceEvents = await ledger.ResourceEvents.AsNoTracking().Where(e => e.BookId == bookId && e.Id > afterResourceEvent && e.Date >= from && e.Date <= to).OrderBy(e => e.Id).ToListAsync(ct);
        var resourceIds = resourceEvents.Select(e => e.ResourceId).Distinct().ToList();
        var resources = await ledger.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        // Budgets are compared through the latest month the new vouchers reached.
        AccountingPeriod? budgetPeriod = facts.Count == 0 ? null : facts.Select(v => AccountingPeriod.Of(v.Date)).Max();
        var executions = budgetPeriod is { } bp ? await budgets.ExecutionAsync(chart, b.Organization.Code, bp, ct) : [];
        return new RuleFacts(bookId, b.Organization.Code, today, facts, events, assets,
            await CashDaysAsync(chart, facts, ct), await OneMatterBalanceAsync(chart, facts, ct),
            resourceEvents, resources, await contracts.SchedulesAsync(bookId, ct), executions, budgetPeriod, earlierPayments, reversed,
            await CounterpartyBalancesAsync(chart, counterparties, ct));
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

    private async Task<List<VoucherFact>> VoucherFactsAsync(BookChart chart, Dictionary<int, string> counterparties, List<Voucher> vouchers, CancellationToken ct)
    {
        if (vouchers.Count == 0)
        {
            return [];
        }

        var first = vouchers.Min(v => v.FirstPostingId);
        var end = vouchers.Max(v => v.FirstPostingId + v.LineCount);
        var lines = (await ledger.Postings.AsNoTracking().Where(p => p.Id >= first && p.Id < end).OrderBy(p => p.Id).ToListAsync(ct)).ToLookup(p => p.VoucherId);
        return vouchers.Select(v => new VoucherFact(v.Id, VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number), v.Date, v.Resolution, v.ReversesVoucherId,
            lines[v.Id].Select(p => new LineFact(chart[p.AccountId].Code, p.CounterpartyId is { } c ? counterparties[c] : null, p.Debit, p.Credit, p.Summary)).ToList())).ToList();
    }

    /// <summary>
    /// For SPLIT_PAYMENT: the payments read in earlier runs to the counterparties the new payments go to, dated up to
    /// <see cref="RuleFacts.PaymentLookBackDays"/> before the earliest of them, and which vouchers were reversed.
    /// </summary>
    private async Task<(List<VoucherFact> Earlier, HashSet<long> Reversed)> EarlierPaymentsAsync(
        BookChart chart, Dictionary<int, string> counterparties, List<VoucherFact> facts, FactWindow window, CancellationToken ct)
    {
        var payments = facts.Where(v => v.Reverses is null && v.CashPaid > 0 && v.Counterparty is not null).ToList();
        if (payments.Count == 0)
        {
            return ([], []);
        }

        var names = payments.Select(v => v.Counterparty!).ToHashSet();
        var ids = counterparties.Where(c => names.Contains(c.Value)).Select(c => (int?)c.Key).ToList();
        var since = payments.Min(v => v.Date).AddDays(-RuleFacts.PaymentLookBackDays);
        var bookId = chart.BookId;
        var before = ledger.Vouchers.AsNoTracking().Where(v => v.BookId == bookId && v.Date >= since && v.ReversesVoucherId == null);
        var after = window.AfterVoucher;
        before = window.From is { } start ? before.Where(v => v.Date < start) : before.Where(v => v.Id <= after);
        var earlierIds = await (from v in before
                                from p in ledger.Postings
                                where p.Id >= v.FirstPostingId && p.Id < v.FirstPostingId + v.LineCount && ids.Contains(p.CounterpartyId)
                                select v.Id).Distinct().ToListAsync(ct);
        var earlier = await ledger.Vouchers.AsNoTracking().Where(v => earlierIds.Contains(v.Id)).OrderBy(v => v.Id).ToListAsync(ct);
        var candidates = earlierIds.Concat(payments.Select(v => v.Id)).ToList();
        var reversed = await ledger.Vouchers.AsNoTracking().Where(v => v.BookId == bookId && v.ReversesVoucherId != null && candidates.Contains(v.ReversesVoucherId.Value))
            .Select(v => v.ReversesVoucherId!.Value).ToListAsync(ct);
        return ((await VoucherFactsAsync(chart, counterparties, earlier, ct)).Where(v => v.CashPaid > 0).ToList(), reversed.ToHashSet());
    }

    /// <summary>Cash (101 and its details) at the end of each day that new postings to it touched.</summary>
    private async Task<List<CashDay>> CashDaysAsync(BookChart chart, List<VoucherFact> facts, CancellationToken ct)
    {
        static bool IsCash(string code) => code.StartsWith("101", StringComparison.Ordinal);
        var days = facts.Where(v => v.Lines.Any(l => IsCash(l.Account))).Select(v => v.Date).Distinct().Order().ToList();
        var result = new List<CashDay>();
        var cashIds = chart.Accounts.Where(a => IsCash(a.Code)).Select(a => a.Id).ToList();
        foreach (var month in days.GroupBy(AccountingPeriod.Of))
        {
            var period = month.Key;
            var opening = await ledger.Balances.AsNoTracking().Where(x => x.BookId == chart.BookId && cashIds.Contains(x.AccountId) && x.Period < period.Key)
                .SumAsync(x => x.Debit - x.Credit, ct);
            var movements = await (from v in ledger.Vouchers.AsNoTracking()
                                   from p in ledger.Postings
                                   where v.BookId == chart.BookId && v.Period == period.Key && p.Id >= v.FirstPostingId && p.Id < v.FirstPostingId + v.LineCount
                                         && cashIds.Contains(p.AccountId)
                                   select new { v.Date, Net = p.Debit - p.Credit }).ToListAsync(ct);
            result.AddRange(month.Select(day => new CashDay(day, opening + movements.Where(m => m.Date <= day).Sum(m => m.Net))));
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
