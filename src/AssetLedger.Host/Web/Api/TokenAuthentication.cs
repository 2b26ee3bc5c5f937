using System.Security.Claims;
using System.Text.Encodings.Web;
using AssetLedger.Host.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AssetLedger.Host.Web.Api;

/// <summary>
/// Personal API tokens for machines: <c>Authorization: Bearer al_…</c>, looked up by its hash. A locked-out user's
/// tokens stop working with their password.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountsDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = AccessScope.Hash(header["Bearer ".Length..].Trim());
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.Hash == hash && t.RevokedAtUtc == null
                           select u).SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("the token is not valid");
        }

        if (found.LockoutEnd is { } end && end > time.GetUtcNow())
        {
            return AuthenticateResult.Fail("the user is locked out");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, found.Id), new Claim(ClaimTypes.Name, found.UserName ?? found.Id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
