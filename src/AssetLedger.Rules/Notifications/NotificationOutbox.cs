using System.Data.Common;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Persistence;

namespace AssetLedger.Rules.Notifications;

/// <summary>
/// Writes the notifications a committed alert owes, in the transaction that inserts the alert (the rule engine's):
/// one per address whose subscription covers the alert's organization — the village itself, its township or its
/// county — and whose filters let the alert through. Critical alerts are marked to go out at once.
/// </summary>
internal sealed class NotificationOutbox : IDisposable
{
    private readonly ILookup<int, Subscriber> byOrganization;
    private readonly BulkInsert insert;

    public NotificationOutbox(IEnumerable<Subscriber> subscribers, DbConnection connection, DbTransaction transaction)
    {
        byOrganization = subscribers.ToLookup(s => s.OrganizationId);
        insert = BulkInsert.Prepare(connection, transaction, RulesSql.QueueNotification);
    }

    /// <param name="chain">The alert's organization and those above it.</param>
    /// <returns>How many notifications were written.</returns>
    public int Enqueue(Alert alert, IEnumerable<int> chain, DateTime now)
    {
        var written = 0;
        foreach (var email in chain.SelectMany(o => byOrganization[o]).Where(s => s.Wants(alert)).Select(s => s.Email).Distinct(StringComparer.Ordinal))
        {
            insert.Set(0, email);
            insert.Set(1, alert.Id);
            insert.Set(2, alert.Severity == Severity.Critical);
            insert.Set(3, now);
            written += insert.Execute();
        }

        return written;
    }

    public void Dispose() => insert.Dispose();
}
