using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AssetLedger.Host.Web.Security;

/// <summary>
/// Every request's sign-in cookie is checked against the user as the database has them now: the security stamp the
/// cookie was issued with must still be theirs — signing out, a lockout, a revoked grant and a new password replace it,
/// so every session of that user ends at once, a copied cookie included — and the account must not be locked out.
/// (Identity's own validator checks only every so often; this one checks every time, which costs one read of the user.)
/// </summary>
public static class SessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<Accounts.AppUser>>();
        var user = context.Principal is null ? null : await signIn.ValidateSecurityStampAsync(context.Principal);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
