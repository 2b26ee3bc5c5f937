using System.Security.Cryptography;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Accounts;

/// <summary>A user as listed: the account and every grant, with the organizations' codes.</summary>
public sealed record UserView(AppUser User, IReadOnlyList<(AccessRole Role, string? Scope)> Grants);

/// <summary>
/// <c>user add</c>, <c>user grant</c>, <c>user list</c>: accounts through ASP.NET Core Identity (hashed passwords, the
/// password policy, lockout) and grants that keep each person inside their organizations — an accountant on a book
/// (a village or group), a supervisor on a township, an auditor on a county or township, an administrator everywhere.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, AccountsDbContext db, BookDirectory books, Actor actor, TimeProvider time)
{
    public async Task<Outcome<AppUser>> AddAsync(string userName, string password, string? displayName, CancellationToken ct = default)
    {
        if (TextRules.Check("--name", displayName, 100, required: false) is { } nameError)
        {
            return nameError;
        }

        var user = new AppUser { UserName = userName, DisplayName = displayName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? Outcome<AppUser>.Success(user)
            : Outcome<AppUser>.Failure(created.Errors.Select(e => new LedgerError($"user.{e.Code}", e.Description)).ToList());
    }

    public async Task<Outcome<AccessGrant>> GrantAsync(string userName, AccessRole role, string? scopeCode, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new LedgerError("user.unknown", $"there is no user '{userName}' (see `user list`)");
        }

        int? organizationId = null;
        if (role == AccessRole.Admin)
        {
            if (scopeCode is not null)
            {
                return new LedgerError("grant.scope_unexpected", "an administrator's grant reaches everywhere: give no --scope");
            }
        }
        else
        {
            if (scopeCode is null)
            {
                return new LedgerError("grant.scope_missing", $"{Named(role)} needs a --scope (an organization code)");
            }

            var org = await books.FindOrganizationAsync(scopeCode, ct);
            if (!org.Succeeded)
            {
                return Outcome<AccessGrant>.Failure(org.Errors);
            }

            var level = org.Value.Level;
            var fits = role switch
            {
                AccessRole.Accountant => level is OrganizationLevel.Village or OrganizationLevel.Group,
                AccessRole.Supervisor => level == OrganizationLevel.Township,
                _ => level is OrganizationLevel.County or OrganizationLevel.Township,
            };
            if (!fits)
            {
                var expected = role switch
                {
                    AccessRole.Accountant => "a village or group (a book)",
                    AccessRole.Supervisor => "a township",
                    _ => "a county or township",
                };
                return new LedgerError("grant.scope_level",
                    $"{Named(role)} is granted on {expected}; {org.Value.Name} ({scopeCode}) is a {level.ToString().ToLowerInvariant()}");
            }

            organizationId = org.Value.Id;
        }

        var existing = await db.Grants.AsNoTracking().SingleOrDefaultAsync(g => g.UserId == user.Id && g.Role == role && g.OrganizationId == organizationId, ct);
        if (existing is not null)
        {
            return Outcome<AccessGrant>.Success(existing);
        }

        var grant = new AccessGrant { UserId = user.Id, Role = role, OrganizationId = organizationId, GrantedAtUtc = LedgerClock.UtcNow(time), GrantedBy = actor.Name };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return Outcome<AccessGrant>.Success(grant);
    }

    /// <summary><c>user token</c>: a new personal API token; only its hash is stored, the token is returned once.</summary>
    public async Task<Outcome<string>> IssueTokenAsync(string userName, string label, CancellationToken ct = default)
    {
        if (TextRules.Check("--label", label, 100) is { } labelError)
        {
            return labelError;
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new LedgerError("user.unknown", $"there is no user '{userName}' (see `user list`)");
        }

        var token = "al_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Label = label, Hash = AccessScope.Hash(token), IssuedAtUtc = LedgerClock.UtcNow(time) });
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(token);
    }

    private static string Named(AccessRole role) => role switch
    {
        AccessRole.Accountant => "an accountant",
        AccessRole.Supervisor => "a supervisor",
        AccessRole.Auditor => "an auditor",
        _ => "an administrator",
    };

    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken ct = default)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var grants = (await db.Grants.AsNoTracking().ToListAsync(ct)).ToLookup(g => g.UserId);
        var orgs = await books.OrganizationsAsync(ct);
        return all.Select(u => new UserView(u, grants[u.Id].Select(g => (g.Role, g.OrganizationId is { } o ? orgs[o].Code : (string?)null)).ToList())).ToList();
    }
}
