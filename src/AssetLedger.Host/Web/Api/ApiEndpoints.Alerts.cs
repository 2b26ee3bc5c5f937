using System.Security.Claims;
using System.Text.Json.Nodes;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Rules.Alerts;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Alerts of an organization, and their handling by the township's supervisor.</summary>
    private static void MapAlerts(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (string org, string? state, ClaimsPrincipal user, AccessScope scope, BookDirectory books, AlertService alerts, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            AlertState? s = null;
            if (state is not null)
            {
                if (!Enum.TryParse<AlertState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return Problem(400, [new LedgerError("alert.state_invalid", $"state '{state}' is not one of open, acknowledged, resolved, dismissed", "state")]);
                }

                s = parsed;
            }

            var list = await alerts.ListAsync(org, s, ct);
            return list.Succeeded
                ? Results.Ok(list.Value.Select(a => new
                {
                    id = a.Id, rule = a.RuleId, severity = a.Severity.ToString().ToLowerInvariant(), state = a.State.ToString().ToLowerInvariant(),
                    amount = Money.FromFen(a.Amount).Yuan, occurredOn = a.OccurredOn, explanation = a.Explanation,
                }))
                : Problem(400, list.Errors);
        });

        api.MapGet("/alerts/{id:long}", async (long id, ClaimsPrincipal user, AccessScope scope, BookDirectory books, AlertService alerts, CancellationToken ct) =>
        {
            var found = await alerts.FindAsync(id, ct);
            if (found is null || !await scope.AllowsAsync(user, AccessScope.Action.Read, (await books.BookOrganizationsAsync(ct))[found.Alert.BookId], ct))
            {
                return Problem(404, [new LedgerError("alert.unknown", $"there is no alert {id}")]);
            }

            var a = found.Alert;
            return Results.Ok(new
            {
                id = a.Id, rule = a.RuleId, severity = a.Severity.ToString().ToLowerInvariant(), state = a.State.ToString().ToLowerInvariant(),
                amount = Money.FromFen(a.Amount).Yuan, occurredOn = a.OccurredOn, raisedAt = a.RaisedAtUtc, explanation = a.Explanation,
                parameters = JsonNode.Parse(a.Parameters), evidence = JsonNode.Parse(a.Evidence),
                history = found.History.Select(t => new { from = t.From.ToString().ToLowerInvariant(), to = t.To.ToString().ToLowerInvariant(), actor = t.Actor, at = t.AtUtc, comment = t.Comment }),
            });
        });

        api.MapPost("/alerts/{id:long}/{action}", async (long id, string action, AlertActionRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books,
            AlertService alerts, Rules.Persistence.RulesDbContext rules, CancellationToken ct) =>
        {
            AlertState? to = action switch { "ack" => AlertState.Acknowledged, "resolve" => AlertState.Resolved, "dismiss" => AlertState.Dismissed, _ => null };
            if (to is null)
            {
                return Problem(404, [new LedgerError("api.unknown_action", $"'{action}' is not ack, resolve or dismiss")]);
            }

            var alert = await rules.Alerts.FindAsync([id], ct);
            var orgOfBook = await books.BookOrganizationsAsync(ct);
            if (alert is null || !await scope.AllowsAsync(user, AccessScope.Action.Read, orgOfBook[alert.BookId], ct))
            {
                return Problem(404, [new LedgerError("alert.unknown", $"there is no alert {id}")]);
            }

            if (!await scope.AllowsAsync(user, AccessScope.Action.Supervise, orgOfBook[alert.BookId], ct))
            {
                return Problem(403, [new LedgerError("access.denied", "handling alerts needs a supervisor of the alert's township")]);
            }

            var moved = await alerts.MoveAsync(id, to.Value, body.Comment, ct);
            return moved.Succeeded ? Results.Ok(new { id, state = moved.Value.State.ToString().ToLowerInvariant() }) : Problem(400, moved.Errors);
        });
    }
}
