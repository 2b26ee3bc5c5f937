using System.Security.Claims;
using System.Text.Json.Nodes;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Alerts;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Alerts of an organization, and their handling by the township's supervisor.</summary>
    private static void MapAlerts(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async (string org, string? state, AlertService alerts, CancellationToken ct) =>
        {
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
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        // An alert outside what the user may read is answered as missing, as a voucher is.
        api.MapGet("/alerts/{id:long}", async (long id, AlertService alerts, CancellationToken ct) =>
        {
            var found = await alerts.FindAsync(id, ct);
            if (found is null)
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
        }).Requires(AccessScope.Action.Read, OrgSource.Alert, "id");

        api.MapPost("/alerts/{id:long}/{action}", async (long id, string action, AlertActionRequest body, AlertService alerts, CancellationToken ct) =>
        {
            var moved = await alerts.ActAsync(id, action, body.Comment, ct);
            return moved.Succeeded
                ? Results.Ok(new { id, state = moved.Value.State.ToString().ToLowerInvariant() })
                : Problem(moved.Errors is [{ Code: AlertAction.UnknownCode }] ? 404 : 400, moved.Errors);
        }).Requires(AccessScope.Action.Supervise, OrgSource.Alert, "id");
    }
}
