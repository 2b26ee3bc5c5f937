using System.Globalization;
using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Settings;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>The rule catalog with the parameters in force for an organization, their settings, backtests, and the alert e-mail subscriptions.</summary>
    private static void MapRules(RouteGroupBuilder api)
    {
        api.MapGet("/rules", async (string org, RuleSettings settings, CancellationToken ct) =>
            Answer(await settings.InForceForAsync(org, ct), rules => rules.Select(r => new
            {
                id = r.Rule.Id, name = r.Rule.Name, description = r.Rule.Description, trigger = r.Rule.Trigger == RuleTrigger.Calendar ? "daily" : "new-entries",
                parameters = r.Parameters.Select(p => new { name = p.Name, value = p.Value, @default = p.Default, setBy = p.SetBy }),
            }))).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/rules/settings", async (RuleSettingRequest body, RuleSettings settings, CancellationToken ct) =>
        {
            var value = ParameterText.Parse(body.Value, "value");
            if (!value.Succeeded)
            {
                return Problem(400, value.Errors);
            }

            return Answer(await settings.SetAsync(body.Org, body.Rule ?? string.Empty, body.Parameter ?? string.Empty, value.Value, body.Reason ?? string.Empty, ct),
                s => new { org = body.Org, rule = s.RuleId, parameter = s.Parameter, value = s.Value, reason = s.Reason });
        }).Requires(AccessScope.Action.Supervise, OrgSource.Body, "org");

        api.MapPost("/rules/backtest", async (BacktestRequest body, RuleBacktest backtests, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var from = ParseDate(body.From, "from", errors);
            var to = ParseDate(body.To, "to", errors);
            var proposed = ParameterText.ParseMap(body.Parameters, "parameters");
            errors.AddRange(proposed.Errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await backtests.RunAsync(body.Org, body.Rule ?? string.Empty, from, to, proposed.Value, ct), findings => findings.Select(f => new
                {
                    org = f.OrgCode, rule = f.Finding.RuleId, severity = f.Finding.Severity.ToString().ToLowerInvariant(), occurredOn = f.Finding.OccurredOn,
                    amount = Money.FromFen(f.Finding.Amount).Yuan, explanation = f.Finding.Explanation,
                }));
        }).Requires(AccessScope.Action.Read, OrgSource.Body, "org");

        api.MapGet("/subscribers", async (ClaimsPrincipal user, AccessScope scope, SubscriberService subscribers, CancellationToken ct) =>
        {
            var readable = (await scope.ReadableAsync(user, ct)).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
            return Results.Ok((await subscribers.ListAsync(ct)).Where(s => readable.Contains(s.ScopeCode)).Select(SubscriberJson));
        }).ForSignedIn();

        api.MapPost("/subscribers", async (SubscriberRequest body, BookDirectory books, SubscriberService subscribers, CancellationToken ct) =>
        {
            var added = await subscribers.AddAsync(body.Email ?? string.Empty, body.Scope, body.Name, body.Rules, body.MinSeverity, ct);
            return added.Succeeded
                ? Results.Ok(SubscriberJson(new SubscriberView(added.Value, body.Scope, (await books.FindOrganizationAsync(body.Scope, ct)).Value.Name)))
                : Problem(400, added.Errors);
        }).Requires(AccessScope.Action.Supervise, OrgSource.Body, "scope");
    }

    private static object SubscriberJson(SubscriberView s) => new
    {
        email = s.Subscriber.Email, name = s.Subscriber.Name, scope = s.ScopeCode, scopeName = s.ScopeName,
        rules = s.Subscriber.Rules?.Split(',', StringSplitOptions.RemoveEmptyEntries), minSeverity = s.Subscriber.MinSeverity.ToString().ToLowerInvariant(),
    };
}
