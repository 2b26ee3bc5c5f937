using System.Security.Claims;
using System.Text.Json.Nodes;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Alerts of an organization, and their handling by the township's supervisor.</summary>
    private static void MapAlerts(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", async Task<Results<Ok<List<AlertSummaryJson>>, ProblemHttpResult>> (string org, string? state, AlertService alerts, CancellationToken ct) =>
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
                ? TypedResults.Ok(list.Value.Select(a => new AlertSummaryJson(
                    a.Id, a.RuleId, a.Severity.ToString().ToLowerInvariant(), a.State.ToString().ToLowerInvariant(), Money.FromFen(a.Amount).Yuan, a.OccurredOn, a.Explanation)).ToList())
                : Problem(400, list.Errors);
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        // An alert outside what the user may read is answered as missing, as a voucher is.
        api.MapGet("/alerts/{id:long}", async Task<Results<Ok<AlertJson>, ProblemHttpResult>> (long id, AlertService alerts, CancellationToken ct) =>
        {
            var found = await alerts.FindAsync(id, ct);
            if (found is null)
            {
                return Problem(404, [new LedgerError("alert.unknown", $"there is no alert {id}")]);
            }

            var a = found.Alert;
            return TypedResults.Ok(new AlertJson(
                a.Id, a.RuleId, a.Severity.ToString().ToLowerInvariant(), a.State.ToString().ToLowerInvariant(), Money.FromFen(a.Amount).Yuan, a.OccurredOn, a.RaisedAtUtc,
                a.Explanation, JsonNode.Parse(a.Parameters), JsonNode.Parse(a.Evidence),
                found.History.Select(t => new AlertStepJson(t.From.ToString().ToLowerInvariant(), t.To.ToString().ToLowerInvariant(), t.Actor, t.AtUtc, t.Comment)).ToList()));
        }).Requires(AccessScope.Action.Read, OrgSource.Alert, "id");

        api.MapPost("/alerts/{id:long}/{action}", async Task<Results<Ok<AlertStateJson>, ProblemHttpResult>> (long id, string action, AlertActionRequest body, AlertService alerts, CancellationToken ct) =>
        {
            var moved = await alerts.ActAsync(id, action, body.Comment, ct);
            return moved.Succeeded
                ? TypedResults.Ok(new AlertStateJson(id, moved.Value.State.ToString().ToLowerInvariant()))
                : Problem(moved.Errors is [{ Code: AlertAction.UnknownCode }] ? 404 : 400, moved.Errors);
        }).Requires(AccessScope.Action.Supervise, OrgSource.Alert, "id");
    }
}

/// <summary>An alert in a list: its rule, severity and state, the amount it is about (元), the day, the explanation.</summary>
public sealed record AlertSummaryJson(long Id, string Rule, string Severity, string State, decimal Amount, DateOnly OccurredOn, string Explanation);

/// <summary>One alert with the parameters it was raised with, its evidence and its history.</summary>
public sealed record AlertJson(
    long Id, string Rule, string Severity, string State, decimal Amount, DateOnly OccurredOn, DateTime RaisedAt, string Explanation,
    JsonNode? Parameters, JsonNode? Evidence, IReadOnlyList<AlertStepJson> History);

/// <summary>A step of an alert's handling.</summary>
public sealed record AlertStepJson(string From, string To, string Actor, DateTime At, string Comment);

/// <summary>Where an alert stands after an action.</summary>
public sealed record AlertStateJson(long Id, string State);
