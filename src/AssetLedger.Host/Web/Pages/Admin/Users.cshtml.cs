using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Admin;

/// <summary>用户与权限 (administrators only): the same accounts, grants and revocations as the command line's <c>user</c> verbs.</summary>
[Administrator]
public sealed class UsersModel(BookDirectory books, UserAdministration administration) : LedgerPageModel
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? userName, string? displayName, string? password, CancellationToken ct) =>
        await ChangeAsync(async () => (await administration.AddAsync(userName ?? string.Empty, password ?? string.Empty, string.IsNullOrWhiteSpace(displayName) ? null : displayName, ct))
            .Map(u => $"已添加用户 {u.UserName}"), ct);

    public async Task<IActionResult> OnPostGrantAsync(string? userName, string? role, string? scopeCode, CancellationToken ct) =>
        await ChangeAsync(async () => Enum.TryParse<AccessRole>(role, ignoreCase: true, out var r)
            ? (await administration.GrantAsync(userName ?? string.Empty, r, r == AccessRole.Admin ? null : scopeCode, ct)).Map(_ => $"已授予 {userName} {RoleNames.Chinese(r)}权限")
            : new LedgerError("grant.role_invalid", $"'{role}' is not a role", "角色"), ct);

    public async Task<IActionResult> OnPostRevokeAsync(string? userName, string? role, string? scopeCode, string? reason, CancellationToken ct) =>
        await ChangeAsync(async () => Enum.TryParse<AccessRole>(role, ignoreCase: true, out var r)
            ? (await administration.RevokeAsync(userName ?? string.Empty, r, string.IsNullOrEmpty(scopeCode) ? null : scopeCode, reason ?? string.Empty, ct)).Map(_ => $"已收回 {userName} 的{RoleNames.Chinese(r)}权限")
            : new LedgerError("grant.role_invalid", $"'{role}' is not a role", "角色"), ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<Outcome<string>>> change, CancellationToken ct)
    {
        Report(await change());
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await administration.ListAsync(ct);
        Organizations = (await books.OrganizationsAsync(ct)).Values.OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
    }
}
