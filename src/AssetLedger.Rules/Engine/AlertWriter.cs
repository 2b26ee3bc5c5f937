using System.Data.Common;
using System.Text.Json;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.SplitPayment;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Engine;

/// <summary>What a run found in one book, to be written: its findings, the parameters they were found with, the reversals seen, the payments to index.</summary>
public sealed record BookWork(
    int BookId, IReadOnlyList<int> Chain, List<Finding> Findings, IReadOnlyDictionary<string, RuleParameters> Parameters, List<(long Reversed, string Number)> Reversals, List<IndexedPayment> Payments);

/// <summary>
/// A run's writes, inside the transaction the engine opened: findings become alerts unless the same fact already
/// raised one (the alerts' unique key decides as they are inserted), each new alert owes its subscribers a
/// notification (the outbox), new payments go to SPLIT_PAYMENT's index, and a reversal resolves the alerts of the
/// voucher it reverses.
/// </summary>
public sealed class AlertWriter(RulesDbContext rules, Actor actor)
{
    public async Task<(List<Alert> Raised, int Resolved)> WriteAsync(IReadOnlyList<BookWork> work, bool full, DbTransaction tx, DateTime now, CancellationToken ct)
    {
        var raised = new List<Alert>();
        var resolved = 0;
        var connection = rules.Database.GetDbConnection();
        using var insertAlert = BulkInsert.PrepareReturningId(connection, tx, RulesSql.InsertAlert);
        using var insertPayment = BulkInsert.Prepare(connection, tx, RulesSql.IndexPayment);
        using var outbox = new NotificationOutbox(await rules.Subscribers.AsNoTracking().ToListAsync(ct), connection, tx);
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

        return (raised, resolved);
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
}
