using AssetLedger.Core.Common;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Host.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace AssetLedger.Host.Web.Api;

public sealed record SignInRequest(string User, string Password);

/// <summary>The anti-forgery token a signed-in browser sends back in the header named here when it changes something.</summary>
public sealed record AntiforgeryJson(string Header, string? Token);

/// <summary>Who signed in: the user name and the name people know them by.</summary>
public sealed record SignedInJson(string User, string? Name);

/// <summary>
/// Browser sign-in: a password sign-in (Identity's SignInManager: lockout after 5 failures for 15 minutes) gives an
/// HTTP-only, SameSite=Strict cookie. A cookie request that changes something must also carry the anti-forgery token
/// (<c>GET /account/antiforgery</c>, sent back as <c>X-CSRF-TOKEN</c>); token requests from machines need none.
/// </summary>
public static class SignInEndpoints
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public const string LockedOutCode = "signin.locked_out";

    public const string ThrottledCode = "signin.throttled";

    /// <summary>A password hash of nothing anyone has, checked when the user is unknown, so that a wrong name costs what a wrong password does.</summary>
    private static readonly Lazy<string> Decoy = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// The one password sign-in (the JSON endpoint and the sign-in page): the cookie on success; a wrong password counts
    /// towards the lockout (5 in a row lock the account, and its API tokens, for 15 minutes), and the lockout ends the
    /// account's sessions. An unknown name is answered like a wrong password, after the same work (a hash checked), so
    /// that timing does not tell which names exist. Each account takes a few tries a minute from anywhere
    /// (<see cref="SignInLimits"/>), on top of the per-address limit of the endpoint and the page.
    /// </summary>
    public static async Task<Outcome<AppUser>> SignInAsync(SignInManager<AppUser> signIn, SignInLimits limits, string? userName, string? password)
    {
        if (!limits.TryAccount(userName ?? string.Empty))
        {
            return new LedgerError(ThrottledCode, "too many sign-in attempts for this account: wait a minute and try again");
        }

        var user = await signIn.UserManager.FindByNameAsync(userName ?? string.Empty);
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), Decoy.Value, password ?? string.Empty);
            return new LedgerError("signin.failed", "the user name or the password is wrong");
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Outcome<AppUser>.Success(user);
        }

        if (result.IsLockedOut)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user); // a locked account's cookies stop working too, not only its tokens
            return new LedgerError(LockedOutCode, $"too many wrong passwords: the account is locked until {user.LockoutEnd!.Value.ToOffset(LedgerClock.ChinaOffset):yyyy-MM-dd HH:mm}");
        }

        return new LedgerError("signin.failed", "the user name or the password is wrong");
    }

    /// <summary>Signing out ends every session of the user (the cookie's security stamp is replaced): a copied cookie stops working too.</summary>
    public static async Task SignOutAsync(SignInManager<AppUser> signIn, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    public static void MapSignIn(this RouteGroupBuilder app)
    {
        app.MapPost("/account/login", async Task<Results<Ok<SignedInJson>, ProblemHttpResult>> (SignInRequest body, SignInManager<AppUser> signIn, SignInLimits limits) =>
        {
            var signedIn = await SignInAsync(signIn, limits, body.User, body.Password);
            return signedIn.Succeeded
                ? TypedResults.Ok(new SignedInJson(signedIn.Value.UserName!, signedIn.Value.DisplayName))
                : ApiEndpoints.Problem(signedIn.Errors[0].Code switch { LockedOutCode => 403, ThrottledCode => 429, _ => 401 }, signedIn.Errors);
        }).Public("signing in is how a user becomes known").RequireRateLimiting(SignInLimits.PerAddress);

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, HttpContext context) =>
        {
            await SignOutAsync(signIn, context.User);
            return TypedResults.NoContent();
        }).ForSignedIn().AddEndpointFilter(RequireAntiforgery);

        app.MapGet("/account/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            TypedResults.Ok(new AntiforgeryJson(CsrfHeader, antiforgery.GetAndStoreTokens(context).RequestToken))).ForSignedIn();
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
