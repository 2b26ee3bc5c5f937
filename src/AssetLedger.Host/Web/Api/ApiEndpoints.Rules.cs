using System.Globalization;
using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>The rule catalog with the parameters in force for an organization, their settings, backtests, and the alert e-mail subscriptions.</summary>
    private static void MapRules(RouteGroupBuilder api)
    {
        api.MapGet("/rules", async (string org, RuleSettings settings, CancellationToken ct) =>
            Answer(await settings.InForceForAsync(org, ct), rules => rules.Select(r => new RuleJson(
                r.Rule.Id, r.Rule.Name, r.Rule.Description, r.Rule.Trigger == RuleTrigger.Calendar ? "daily" : "new-entries",
                r.Parameters.Select(p => new RuleParameterJson(p.Name, p.Value, p.Default, p.SetBy)).ToList())).ToList())).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/rules/settings", async (RuleSettingRequest body, RuleSettings settings, CancellationToken ct) =>
        {
            var value = ParameterText.Parse(body.Value, "value");
            if (!value.Succeeded)
            {
                return Problem(400, value.Errors);
            }

            return Answer(await settings.SetAsync(body.Org, body.Rule ?? string.Empty, body.Parameter ?? string.Empty, value.Value, body.Reason ?? string.Empty, ct),
                s => new RuleSettingJson(body.Org, s.RuleId, s.Parameter, s.Value, s.Reason));
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
                : Answer(await backtests.RunAsync(body.Org, body.Rule ?? string.Empty, from, to, proposed.Value, ct), findings => findings.Select(f => new BacktestFindingJson(
                    f.OrgCode, f.Finding.RuleId, f.Finding.Severity.ToString().ToLowerInvariant(), f.Finding.OccurredOn, Money.FromFen(f.Finding.Amount).Yuan, f.Finding.Explanation)).ToList());
        }).Requires(AccessScope.Action.Read, OrgSource.Body, "org");

        api.MapGet("/subscribers", async (ClaimsPrincipal user, AccessScope scope, SubscriberService subscribers, CancellationToken ct) =>
        {
            var readable = (await scope.ReadableAsync(user, ct)).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
            return TypedResults.Ok((await subscribers.ListAsync(ct)).Where(s => readable.Contains(s.ScopeCode)).Select(SubscriberJson));
        }).ForSignedIn();

        api.MapPost("/subscribers", async Task<Results<Ok<SubscriberJson>, ProblemHttpResult>> (SubscriberRequest body, BookDirectory books, SubscriberService subscribers, CancellationToken ct) =>
        {
            var added = await subscribers.AddAsync(body.Email ?? string.Empty, body.Scope, body.Name, body.Rules, body.MinSeverity, ct);
            return added.Succeeded
                ? TypedResults.Ok(SubscriberJson(new SubscriberView(added.Value, body.Scope, (await books.FindOrganizationAsync(body.Scope, ct)).Value.Name)))
                : Problem(400, added.Errors);
        }).Requires(AccessScope.Action.Supervise, OrgSource.Body, "scope");
    }

    private static SubscriberJson SubscriberJson(SubscriberView s) => new(
        s.Subscriber.Email, s.Subscriber.Name, s.ScopeCode, s.ScopeName, s.Subscriber.Rules?.Split(',', StringSplitOptions.RemoveEmptyEntries),
        s.Subscriber.MinSeverity.ToString().ToLowerInvariant());
}

/// <summary>An address that receives the alerts of an organization and everything under it (all rules, or those named).</summary>
public sealed record SubscriberJson(string Email, string? Name, string Scope, string ScopeName, IReadOnlyList<string>? Rules, string MinSeverity);

/// <summary>A rule of the catalog with its parameters as in force for the organization.</summary>
public sealed record RuleJson(string Id, string Name, string Description, string Trigger, IReadOnlyList<RuleParameterJson> Parameters);

/// <summary>A parameter in force, its default, and the organization whose setting it is (null: the default).</summary>
public sealed record RuleParameterJson(string Name, decimal Value, decimal Default, string? SetBy);

/// <summary>A parameter just set.</summary>
public sealed record RuleSettingJson(string Org, string Rule, string Parameter, decimal Value, string Reason);

/// <summary>An alert a backtest would have raised.</summary>
public sealed record BacktestFindingJson(string Org, string Rule, string Severity, DateOnly OccurredOn, decimal Amount, string Explanation);
