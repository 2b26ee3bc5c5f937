using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Accounts;

/// <summary>
/// What the signed-in user may reach, from their grants, checked on the server for every read and write: an
/// accountant reads and posts in their books; a supervisor reads the township's books and handles their alerts; an
/// auditor reads; an administrator does everything. A scope covers the organization and everything under it.
/// </summary>
public sealed class AccessScope(AccountsDbContext db, BookDirectory books)
{
    public enum Action
    {
        Read,
        Post,
        HandleAlerts,
    }

    /// <summary>Whether the user may do <paramref name="action"/> on the organization <paramref name="orgId"/>.</summary>
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Action action, int orgId, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }

        var grants = await db.Grants.AsNoTracking().Where(g => g.UserId == userId).ToListAsync(ct);
        if (grants.Any(g => g.Role == AccessRole.Admin))
        {
            return true;
        }

        var orgs = await books.OrganizationsAsync(ct);
        bool Covers(int? scope)
        {
            for (Organization? o = orgs.GetValueOrDefault(orgId); o is not null; o = o.ParentId is { } p ? orgs[p] : null)
            {
                if (o.Id == scope)
                {
                    return true;
                }
            }

            return false;
        }

        return grants.Any(g => Covers(g.OrganizationId) && action switch
        {
            Action.Read => true,
            Action.Post => g.Role == AccessRole.Accountant,
            _ => g.Role == AccessRole.Supervisor,
        });
    }

    /// <summary>The organizations the user may read: those their grants reach and everything under them.</summary>
    public async Task<IReadOnlyList<Organization>> ReadableAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var result = new List<Organization>();
        foreach (var org in (await books.OrganizationsAsync(ct)).Values.OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            if (await AllowsAsync(user, Action.Read, org.Id, ct))
            {
                result.Add(org);
            }
        }

        return result;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
