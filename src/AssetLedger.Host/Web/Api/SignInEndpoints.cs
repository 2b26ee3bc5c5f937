using AssetLedger.Core.Common;
using AssetLedger.Host.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace AssetLedger.Host.Web.Api;

public sealed record SignInRequest(string User, string Password);

/// <summary>
/// Browser sign-in: a password sign-in (Identity's SignInManager: lockout after 5 failures for 15 minutes) gives an
/// HTTP-only, SameSite=Strict cookie. A cookie request that changes something must also carry the anti-forgery token
/// (<c>GET /account/antiforgery</c>, sent back as <c>X-CSRF-TOKEN</c>); token requests from machines need none.
/// </summary>
public static class SignInEndpoints
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (SignInRequest body, SignInManager<AppUser> signIn, TimeProvider time) =>
        {
            var user = await signIn.UserManager.FindByNameAsync(body.User ?? string.Empty);
            var result = user is null
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, body.Password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.Ok(new { user = user!.UserName, name = user.DisplayName });
            }

            return result.IsLockedOut
                ? ApiEndpoints.Problem(403, [new LedgerError("signin.locked_out", $"too many wrong passwords: the account is locked until {user!.LockoutEnd!.Value.ToOffset(LedgerClock.ChinaOffset):yyyy-MM-dd HH:mm}")])
                : ApiEndpoints.Problem(401, [new LedgerError("signin.failed", "the user name or the password is wrong")]);
        });

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).RequireAuthorization().AddEndpointFilter(RequireAntiforgery);

        app.MapGet("/account/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Ok(new { header = CsrfHeader, token = antiforgery.GetAndStoreTokens(context).RequestToken })).RequireAuthorization();
    }

    /// <summary>For a cookie request that changes something: the anti-forgery token must match, or nothing happens.</summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiEndpoints.Problem(400, [new LedgerError("csrf.invalid", $"a signed-in browser request that changes something needs the {CsrfHeader} header from GET /account/antiforgery")]);
            }
        }

        return await next(context);
    }
}
