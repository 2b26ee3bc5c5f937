using System.Globalization;
using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Accounts;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Web.Access;

/// <summary>What the gate decided: go on (with the organization the request acts on, when it names one), or why not.</summary>
public sealed record AccessVerdict(AccessVerdict.Kind Outcome, Organization? Organization = null, LedgerError? Error = null)
{
    public enum Kind
    {
        Allowed,

        /// <summary>Nobody is signed in: the sign-in page for a browser, 401 for a program.</summary>
        SignInNeeded,

        /// <summary>No such organization, or a resource outside what the user may read (its existence is not theirs to learn).</summary>
        NotFound,

        /// <summary>The organization exists and is outside what the user may do.</summary>
        Forbidden,
    }

    public static readonly AccessVerdict SignIn = new(Kind.SignInNeeded);

    public static AccessVerdict Allow(Organization? organization = null) => new(Kind.Allowed, organization);
}

/// <summary>
/// The one place that decides whether a request may proceed, from what its endpoint or page handler declares
/// (<see cref="AccessNeed"/>) and the user's grants (<see cref="AccessScope"/>). The API's filter and the pages' filter
/// only find the declaration and the organization's code and turn the verdict into their kind of answer.
/// </summary>
public sealed class AccessGate(AccessScope scope, BookDirectory books, LedgerDbContext ledger, RulesDbContext rules)
{
    /// <param name="value">The request's value for the declaration's source: an organization's code, or a resource's id; null when it has none.</param>
    public async Task<AccessVerdict> DecideAsync(ClaimsPrincipal user, AccessNeed need, string? value, CancellationToken ct)
    {
        if (need.Kind == AccessKind.Anonymous)
        {
            return AccessVerdict.Allow();
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return AccessVerdict.SignIn;
        }

        switch (need.Kind)
        {
            case AccessKind.SignedIn:
                return AccessVerdict.Allow();
            case AccessKind.Administrator:
                return await scope.IsAdministratorAsync(user, ct)
                    ? AccessVerdict.Allow()
                    : new(AccessVerdict.Kind.Forbidden, Error: AccessErrors.AdministratorsOnly());
        }

        if (need.IsResource)
        {
            return await DecideOnResourceAsync(user, need, value, ct);
        }

        if (need.Optional && string.IsNullOrEmpty(value))
        {
            return AccessVerdict.Allow();
        }

        var org = await books.FindOrganizationAsync(value ?? string.Empty, ct);
        if (!org.Succeeded)
        {
            return new(AccessVerdict.Kind.NotFound, Error: org.Errors[0]);
        }

        return await scope.AllowsAsync(user, need.Action, org.Value.Id, ct)
            ? AccessVerdict.Allow(org.Value)
            : new(AccessVerdict.Kind.Forbidden, org.Value, AccessErrors.OutsideScope(org.Value, need.Action));
    }

    /// <summary>A voucher or an alert: missing and unreadable look the same (404); readable but not to be changed by this user is 403.</summary>
    private async Task<AccessVerdict> DecideOnResourceAsync(ClaimsPrincipal user, AccessNeed need, string? value, CancellationToken ct)
    {
        var unknown = new AccessVerdict(AccessVerdict.Kind.NotFound, Error: need.Source == OrgSource.Voucher
            ? new LedgerError("voucher.unknown", $"there is no voucher with id {value}")
            : new LedgerError("alert.unknown", $"there is no alert {value}"));
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return unknown;
        }

        int? bookId = need.Source == OrgSource.Voucher
            ? await ledger.Vouchers.AsNoTracking().Where(v => v.Id == id).Select(v => (int?)v.BookId).SingleOrDefaultAsync(ct)
            : await rules.Alerts.AsNoTracking().Where(a => a.Id == id).Select(a => (int?)a.BookId).SingleOrDefaultAsync(ct);
        if (bookId is null || !(await books.BookOrganizationsAsync(ct)).TryGetValue(bookId.Value, out var orgId)
            || !await scope.AllowsAsync(user, AccessScope.Action.Read, orgId, ct))
        {
            return unknown;
        }

        var org = (await books.OrganizationsAsync(ct))[orgId];
        return need.Action == AccessScope.Action.Read || await scope.AllowsAsync(user, need.Action, orgId, ct)
            ? AccessVerdict.Allow(org)
            : new(AccessVerdict.Kind.Forbidden, org, AccessErrors.OutsideScope(org, need.Action));
    }
}

/// <summary>The gate's refusals, worded once.</summary>
public static class AccessErrors
{
    public const string DeniedCode = "access.denied";

    public const string UndeclaredCode = "access.undeclared";

    public static LedgerError OutsideScope(Organization org, AccessScope.Action action) =>
        new(DeniedCode, $"{org.Name} ({org.Code}) is outside what you may {action switch
        {
            AccessScope.Action.Read => "read",
            AccessScope.Action.Post => "change",
            _ => "supervise",
        }}");

    public static LedgerError AdministratorsOnly() => new(DeniedCode, "only an administrator may do this");

    public static LedgerError NotDeclared(string what) => new(UndeclaredCode, $"{what} declares no access, so nobody may use it");
}
