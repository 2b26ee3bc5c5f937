using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AssetLedger.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Accounts;

/// <summary>
/// What the signed-in user may reach, from their grants, checked on the server for every read and write: an
/// accountant reads and posts in their books; a supervisor reads the township's books, handles their alerts and sets
/// their rule parameters and subscriptions; an auditor reads; an administrator does everything. A scope covers the organization and everything under it.
/// </summary>
public sealed class AccessScope(AccountsDbContext db, BookDirectory books)
{
    public enum Action
    {
        /// <summary>See the books, registers, reports and alerts.</summary>
        Read,

        /// <summary>Post vouchers and change the books and registers: an accountant's work.</summary>
        Post,

        /// <summary>Handle alerts, set rule parameters and e-mail subscriptions: a township supervisor's work.</summary>
        Supervise,
    }

    /// <summary>Whether the user may do <paramref name="action"/> on the organization <paramref name="orgId"/>.</summary>
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Action action, int orgId, CancellationToken ct = default)
    {
        var (grants, orgs) = await LoadAsync(user, ct);
        return Allows(grants, orgs, action, orgId);
    }

    /// <summary>Whether the user is an administrator (users, grants and settings everywhere).</summary>
    public async Task<bool> IsAdministratorAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
        && AccessGrant.InForce(await db.Grants.AsNoTracking().Where(g => g.UserId == userId && g.Role == AccessRole.Admin).ToListAsync(ct)).Count > 0;

    /// <summary>The user's grants that stand, each with the organization it reaches (null: an administrator's, everywhere).</summary>
    public async Task<IReadOnlyList<(AccessRole Role, Organization? Organization)>> GrantsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (grants, orgs) = await LoadAsync(user, ct);
        return grants.Select(g => (g.Role, g.OrganizationId is { } id ? orgs[id] : null)).ToList();
    }

    /// <summary>The organizations the user may read: those their grants reach and everything under them.</summary>
    public async Task<IReadOnlyList<Organization>> ReadableAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (grants, orgs) = await LoadAsync(user, ct);
        return orgs.Values.Where(o => Allows(grants, orgs, Action.Read, o.Id)).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
    }

    private async Task<(IReadOnlyList<AccessGrant> Grants, Dictionary<int, Organization> Orgs)> LoadAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var grants = userId is null ? [] : AccessGrant.InForce(await db.Grants.AsNoTracking().Where(g => g.UserId == userId).ToListAsync(ct));
        return (grants, await books.OrganizationsAsync(ct));
    }

    private static bool Allows(IReadOnlyList<AccessGrant> grants, Dictionary<int, Organization> orgs, Action action, int orgId)
    {
        if (grants.Any(g => g.Role == AccessRole.Admin))
        {
            return true;
        }

        // The organization and those above it: a grant on any of them reaches it.
        var chain = Organization.ChainOf(orgs, orgId);

        return grants.Any(g => g.OrganizationId is { } scope && chain.Contains(scope) && action switch
        {
            Action.Read => true,
            Action.Post => g.Role == AccessRole.Accountant,
            _ => g.Role == AccessRole.Supervisor,
        });
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
