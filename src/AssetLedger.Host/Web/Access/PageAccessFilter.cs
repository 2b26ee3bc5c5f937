using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AssetLedger.Host.Web.Access;

/// <summary>
/// The pages' door to <see cref="AccessGate"/>, registered for every page: it reads the selected handler's declaration
/// (or its page's) and the organization's code from the route, the query or the posted form, and answers the gate's refusal as a page
/// would: the sign-in page, 404 or 403 (shown as the Chinese status page). A handler that declares nothing is refused.
/// </summary>
public sealed class PageAccessFilter(AccessGate gate, ILogger<PageAccessFilter> log) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var need = AccessDeclarations.Of(context.HandlerMethod?.MethodInfo, context.HandlerInstance.GetType());
        if (need is null)
        {
            log.LogError("Refused {Method} {Path}: its page handler declares no access", http.Request.Method, http.Request.Path);
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var value = need.Source switch
        {
            OrgSource.Query => http.Request.Query[need.Name].FirstOrDefault(),
            OrgSource.Form => http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))[need.Name].FirstOrDefault() : null,
            _ => context.RouteData.Values[need.Name]?.ToString(),
        };
        var verdict = await gate.DecideAsync(http.User, need, value, http.RequestAborted);
        switch (verdict.Outcome)
        {
            case AccessVerdict.Kind.Allowed:
                http.Features.Set(new AccessDeclarations.AccessGranted(verdict.Organization));
                await next();
                return;
            case AccessVerdict.Kind.SignInNeeded:
                context.Result = new ChallengeResult();
                return;
            case AccessVerdict.Kind.NotFound:
                context.Result = new NotFoundResult();
                return;
            default:
                context.Result = new ForbidResult();
                return;
        }
    }
}
