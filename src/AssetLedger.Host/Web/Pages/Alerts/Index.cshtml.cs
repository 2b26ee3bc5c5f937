using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages.Alerts;

/// <summary>预警: the alerts of the user's organizations, filtered by village, rule, severity and state, newest first.</summary>
[Requires(AccessScope.Action.Read, OrgSource.Query, Optional = true)]
public sealed class IndexModel(AccessScope scope, BookDirectory books, AlertService alerts) : PageModel
{
    public sealed record Row(Alert Alert, Organization Organization);

    [FromQuery]
    public string? Org { get; set; }

    [FromQuery]
    public string? Rule { get; set; }

    [FromQuery]
    public string? Severity { get; set; }

    [FromQuery]
    public string? State { get; set; }

    /// <summary>The page of the list, from 1; <see cref="PageSize"/> alerts a page, newest first.</summary>
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 100;

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organizations = await scope.ReadableAsync(User, ct);
        var readable = Organizations.Select(o => o.Id).ToHashSet();
        var orgs = await books.OrganizationsAsync(ct);
        var orgOfBook = await books.BookOrganizationsAsync(ct);
        AlertState? state = Enum.TryParse<AlertState>(State, ignoreCase: true, out var s) ? s : null;
        Severity? severity = SeverityNames.TryParse(Severity ?? string.Empty, out var v) ? v : null;
        var list = await alerts.ListAsync(string.IsNullOrEmpty(Org) ? null : Org, state, ct);
        if (!list.Succeeded)
        {
            return NotFound();
        }

        var matching = list.Value
            .Where(a => readable.Contains(orgOfBook[a.BookId]))
            .Where(a => string.IsNullOrEmpty(Rule) || a.RuleId == Rule)
            .Where(a => severity is null || a.Severity == severity)
            .ToList();
        Total = matching.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = matching.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a, orgs[orgOfBook[a.BookId]])).ToList();
        return Page();
    }
}
