using AssetLedger.Host.Web.Api;

namespace AssetLedger.Host.Web.Access;

/// <summary>
/// The API's door to <see cref="AccessGate"/>: every minimal endpoint is mapped on a group that carries this filter
/// (<see cref="MapGuarded"/>). It reads the endpoint's declaration and the organization's code where the declaration
/// says (query, route, the bound body, a resource's id), and answers the gate's refusal as problem details:
/// 401, 404 (unknown, or a resource outside the user's reach), 403. An endpoint that declares nothing is refused.
/// </summary>
public sealed class ApiAccessFilter(AccessGate gate, ILogger<ApiAccessFilter> log) : IEndpointFilter
{
    /// <summary>The group every minimal endpoint is mapped on, so that none escapes the filter.</summary>
    public static RouteGroupBuilder MapGuarded(IEndpointRouteBuilder app) =>
        app.MapGroup(string.Empty).WithMetadata(new AccessDeclarations.EnforcedByAccessFilter()).AddEndpointFilter<ApiAccessFilter>();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();
        var need = endpoint is null ? null : AccessDeclarations.Of(endpoint);
        if (need is null)
        {
            log.LogError("Refused {Method} {Path}: its endpoint declares no access", http.Request.Method, http.Request.Path);
            return ApiEndpoints.Problem(403, [AccessErrors.NotDeclared($"{http.Request.Method} {http.Request.Path}")]);
        }

        var value = need.Source switch
        {
            OrgSource.Query => http.Request.Query[need.Name].FirstOrDefault(),
            OrgSource.Body => context.Arguments.OfType<IForOrganization>().FirstOrDefault()?.OrganizationCode,
            _ => http.Request.RouteValues[need.Name]?.ToString(),
        };
        var verdict = await gate.DecideAsync(http.User, need, value, http.RequestAborted);
        switch (verdict.Outcome)
        {
            case AccessVerdict.Kind.Allowed:
                http.Features.Set(new AccessDeclarations.AccessGranted(verdict.Organization));
                return await next(context);
            case AccessVerdict.Kind.SignInNeeded:
                return Results.Challenge();
            default:
                return ApiEndpoints.Problem(verdict.Outcome == AccessVerdict.Kind.NotFound ? 404 : 403, [verdict.Error!]);
        }
    }
}
