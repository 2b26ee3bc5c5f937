using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages;

/// <summary>The scope check every page makes before it reads or changes an organization's books (the same as the API's).</summary>
internal static class PageAccess
{
    /// <summary>The organization, or the page to show instead: 404 for an unknown code, 403 outside the user's grants.</summary>
    public static async Task<(IActionResult? Denied, Organization Organization)> CheckAsync(
        this PageModel page, AccessScope scope, BookDirectory books, string? orgCode, AccessScope.Action action, CancellationToken ct)
    {
        var org = await books.FindOrganizationAsync(orgCode ?? string.Empty, ct);
        if (!org.Succeeded)
        {
            return (page.NotFound(), null!);
        }

        return await scope.AllowsAsync(page.User, action, org.Value.Id, ct) ? (null, org.Value) : (page.Forbid(), org.Value);
    }
}
