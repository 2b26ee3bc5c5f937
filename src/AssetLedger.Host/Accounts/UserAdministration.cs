using System.Security.Cryptography;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Accounts;

/// <summary>A user as listed: the account and every grant, with the organizations' codes.</summary>
public sealed record UserView(AppUser User, IReadOnlyList<(AccessRole Role, string? Scope)> Grants, IReadOnlyList<string> TokenLabels);

/// <summary>
/// <c>user add</c>, <c>user grant</c>, <c>user revoke</c>, <c>user token</c>, <c>user revoke-token</c>, <c>user list</c>: accounts through ASP.NET Core Identity (hashed passwords, the
/// password policy, lockout) and grants that keep each person inside their organizations — an accountant on a book
/// (a village or group), a supervisor on a township, an auditor on a county or township, an administrator everywhere.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, AccountsDbContext db, BookDirectory books, Actor actor, TimeProvider time)
{
    public async Task<Outcome<AppUser>> AddAsync(string userName, string password, string? displayName, CancellationToken ct = default)
    {
        if (TextRules.Check("name", displayName, 100, required: false) is { } nameError)
        {
            return nameError;
        }

        var user = new AppUser { UserName = userName, DisplayName = displayName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        return created.Succeeded
            ? Outcome<AppUser>.Success(user)
            : Outcome<AppUser>.Failure(created.Errors.Select(e => new LedgerError($"user.{e.Code}", e.Description)).ToList());
    }

    /// <summary><c>user grant</c>: the role over the organization; granting what already stands changes nothing.</summary>
    public async Task<Outcome<AccessGrant>> GrantAsync(string userName, AccessRole role, string? scopeCode, CancellationToken ct = default)
    {
        var target = await FindGrantTargetAsync(userName, role, scopeCode, ct);
        if (!target.Succeeded)
        {
            return Outcome<AccessGrant>.Failure(target.Errors);
        }

        var (user, organizationId) = target.Value;
        if (await StandingAsync(user.Id, role, organizationId, ct) is { } existing)
        {
            return Outcome<AccessGrant>.Success(existing);
        }

        var grant = new AccessGrant { UserId = user.Id, Role = role, OrganizationId = organizationId, GrantedAtUtc = LedgerClock.UtcNow(time), GrantedBy = actor.Name };
        db.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return Outcome<AccessGrant>.Success(grant);
    }

    /// <summary>
    /// <c>user revoke</c>: takes back a role over an organization, with the reason, as a new step in the grants'
    /// history; from the next request on, the user reaches nothing through it. Revoking what is not granted is refused.
    /// </summary>
    public async Task<Outcome<AccessGrant>> RevokeAsync(string userName, AccessRole role, string? scopeCode, string reason, CancellationToken ct = default)
    {
        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        var target = await FindGrantTargetAsync(userName, role, scopeCode, ct);
        if (!target.Succeeded)
        {
            return Outcome<AccessGrant>.Failure(target.Errors);
        }

        var (user, organizationId) = target.Value;
        if (await StandingAsync(user.Id, role, organizationId, ct) is null)
        {
            return new LedgerError("grant.not_granted", $"{userName} is not {Named(role)}{(scopeCode is null ? string.Empty : $" of {scopeCode}")}; nothing to revoke (see `user list`)");
        }

        var revocation = new AccessGrant
        {
            UserId = user.Id, Role = role, OrganizationId = organizationId, Revoked = true, GrantedAtUtc = LedgerClock.UtcNow(time), GrantedBy = actor.Name, Reason = reason.Trim(),
        };
        db.Grants.Add(revocation);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user); // every session of the user ends: they sign in again, with what they still hold
        return Outcome<AccessGrant>.Success(revocation);
    }

    /// <summary>
    /// <c>user password</c>: a new password (the policy as for <c>user add</c>); every session and every API token of
    /// the user ends at once, since whoever knew the old password may hold them.
    /// </summary>
    public async Task<Outcome<int>> SetPasswordAsync(string userName, string password, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new LedgerError("user.unknown", $"there is no user '{userName}' (see `user list`)");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                return Outcome<int>.Failure(valid.Errors.Select(e => new LedgerError($"user.{e.Code}", e.Description)).ToList());
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        var updated = await users.UpdateSecurityStampAsync(user); // saves the new hash with the new stamp: old cookies stop working
        if (!updated.Succeeded)
        {
            return Outcome<int>.Failure(updated.Errors.Select(e => new LedgerError($"user.{e.Code}", e.Description)).ToList());
        }

        var tokens = await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null).ToListAsync(ct);
        var now = LedgerClock.UtcNow(time);
        tokens.ForEach(t => t.RevokedAtUtc = now);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(tokens.Count);
    }

    /// <summary>The user, and the organization a role is granted over: the level must fit the role (none for an administrator).</summary>
    private async Task<Outcome<(AppUser User, int? OrganizationId)>> FindGrantTargetAsync(string userName, AccessRole role, string? scopeCode, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new LedgerError("user.unknown", $"there is no user '{userName}' (see `user list`)");
        }

        if (role == AccessRole.Admin)
        {
            return scopeCode is null
                ? Outcome<(AppUser, int?)>.Success((user, null))
                : new LedgerError("grant.scope_unexpected", "an administrator's grant reaches everywhere: give no --scope");
        }

        if (scopeCode is null)
        {
            return new LedgerError("grant.scope_missing", $"{Named(role)} needs a --scope (an organization code)");
        }

        var org = await books.FindOrganizationAsync(scopeCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<(AppUser, int?)>.Failure(org.Errors);
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

        return Outcome<(AppUser, int?)>.Success((user, org.Value.Id));
    }

    /// <summary>The grant of the role over the organization that stands now, if any.</summary>
    private async Task<AccessGrant?> StandingAsync(string userId, AccessRole role, int? organizationId, CancellationToken ct) =>
        await db.Grants.AsNoTracking().Where(g => g.UserId == userId && g.Role == role && g.OrganizationId == organizationId)
            .OrderByDescending(g => g.Id).FirstOrDefaultAsync(ct) is { Revoked: false } latest ? latest : null;

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

    /// <summary><c>user revoke-token</c>: every token of the user with the label stops authenticating at once.</summary>
    public async Task<Outcome<int>> RevokeTokensAsync(string userName, string label, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new LedgerError("user.unknown", $"there is no user '{userName}' (see `user list`)");
        }

        var tokens = await db.ApiTokens.Where(t => t.UserId == user.Id && t.Label == label && t.RevokedAtUtc == null).ToListAsync(ct);
        if (tokens.Count == 0)
        {
            return new LedgerError("token.unknown", $"{userName} has no token labelled '{label}' that is still valid (see `user list`)");
        }

        var now = LedgerClock.UtcNow(time);
        tokens.ForEach(t => t.RevokedAtUtc = now);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(tokens.Count);
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
        var grants = AccessGrant.InForce(await db.Grants.AsNoTracking().ToListAsync(ct)).ToLookup(g => g.UserId);
        var tokens = (await db.ApiTokens.AsNoTracking().Where(t => t.RevokedAtUtc == null).ToListAsync(ct)).ToLookup(t => t.UserId);
        var orgs = await books.OrganizationsAsync(ct);
        return all.Select(u => new UserView(u, grants[u.Id].Select(g => (g.Role, g.OrganizationId is { } o ? orgs[o].Code : (string?)null)).ToList(),
            tokens[u.Id].Select(t => t.Label).Distinct().ToList())).ToList();
    }
}
