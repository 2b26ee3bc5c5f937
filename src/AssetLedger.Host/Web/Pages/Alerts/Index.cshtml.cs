using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages.Alerts;

/// <summary>预警: the alerts of the user's organizations, filtered by village, rule, severity and state, newest first.</summary>
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

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Org))
        {
            var (denied, _) = await this.CheckAsync(scope, books, Org, AccessScope.Action.Read, ct);
            if (denied is not null)
            {
                return denied;
            }
        }

        Organizations = await scope.ReadableAsync(User, ct);
        var readable = Organizations.Select(o => o.Id).ToHashSet();
        var orgs = await books.OrganizationsAsync(ct);
        var orgOfBook = await books.BookOrganizationsAsync(ct);
        AlertState? state = Enum.TryParse<AlertState>(State, ignoreCase: true, out var s) ? s : null;
        Severity? severity = SeverityNames.TryParse(Severity ?? string.Empty, out var v) ? v : null;
        var list = await alerts.ListAsync(string.IsNullOrEmpty(Org) ? null : Org, state, ct);
        Rows = list.Value
            .Where(a => readable.Contains(orgOfBook[a.BookId]))
            .Where(a => string.IsNullOrEmpty(Rule) || a.RuleId == Rule)
            .Where(a => severity is null || a.Severity == severity)
            .OrderByDescending(a => a.Id)
            .Select(a => new Row(a, orgs[orgOfBook[a.BookId]]))
            .ToList();
        return Page();
    }
}
