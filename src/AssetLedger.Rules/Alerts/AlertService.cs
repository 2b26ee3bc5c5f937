using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Alerts;

/// <summary>An alert and every step of its handling (who, when, with what comment).</summary>
public sealed record AlertDetail(Alert Alert, IReadOnlyList<AlertTransition> History);

/// <summary>Alerts as supervisors see and handle them: listed by organization and state, moved along their lifecycle.</summary>
public sealed class AlertService(RulesDbContext rules, BookDirectory books, Actor actor, TimeProvider time)
{
    public async Task<Outcome<IReadOnlyList<Alert>>> ListAsync(string? orgCode, AlertState? state, CancellationToken ct = default)
    {
        var query = rules.Alerts.AsNoTracking();
        if (orgCode is not null)
        {
            var scope = await books.FindBooksUnderAsync(orgCode, ct);
            if (!scope.Succeeded)
            {
                return Outcome<IReadOnlyList<Alert>>.Failure(scope.Errors);
            }

            var ids = scope.Value.Select(b => b.Book.Id).ToList();
            query = query.Where(a => ids.Contains(a.BookId));
        }

        if (state is { } s)
        {
            query = query.Where(a => a.State == s);
        }

        IReadOnlyList<Alert> list = await query.OrderBy(a => a.Id).ToListAsync(ct);
        return Outcome<IReadOnlyList<Alert>>.Success(list);
    }

    /// <summary>An alert with its handling history, oldest step first; null when there is no alert with the id.</summary>
    public async Task<AlertDetail?> FindAsync(long alertId, CancellationToken ct = default)
    {
        var alert = await rules.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return null;
        }

        var history = await rules.AlertTransitions.AsNoTracking().Where(t => t.AlertId == alertId).OrderBy(t => t.Id).ToListAsync(ct);
        return new AlertDetail(alert, history);
    }

    /// <summary>The action named <paramref name="action"/> (<see cref="AlertAction.All"/>): as <see cref="MoveAsync(long, AlertState, string, CancellationToken)"/>.</summary>
    public async Task<Outcome<Alert>> ActAsync(long alertId, string? action, string comment, CancellationToken ct = default)
    {
        var parsed = AlertAction.Parse(action);
        return parsed.Succeeded ? await MoveAsync(alertId, parsed.Value.To, comment, ct) : Outcome<Alert>.Failure(parsed.Errors);
    }

    /// <summary>open → acknowledged → resolved or dismissed; resolved and dismissed are final. A comment is required.</summary>
    public async Task<Outcome<Alert>> MoveAsync(long alertId, AlertState to, string comment, CancellationToken ct = default)
    {
        if (TextRules.Check("comment", comment, 500) is { } commentError)
        {
            return commentError;
        }

        var alert = await rules.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return new LedgerError("alert.unknown", $"there is no alert {alertId}");
        }

        var allowed = alert.State switch
        {
            AlertState.Open => to is AlertState.Acknowledged or AlertState.Resolved or AlertState.Dismissed,
            AlertState.Acknowledged => to is AlertState.Resolved or AlertState.Dismissed,
            _ => false,
        };
        if (!allowed)
        {
            return new LedgerError("alert.transition_invalid", $"alert {alertId} is {alert.State.ToString().ToLowerInvariant()}; it cannot become {to.ToString().ToLowerInvariant()}");
        }

        rules.AlertTransitions.Add(new AlertTransition { AlertId = alert.Id, From = alert.State, To = to, Actor = actor.Name, AtUtc = LedgerClock.UtcNow(time), Comment = comment.Trim() });
        alert.State = to;
        await rules.SaveChangesAsync(ct);
        return Outcome<Alert>.Success(alert);
    }
}
