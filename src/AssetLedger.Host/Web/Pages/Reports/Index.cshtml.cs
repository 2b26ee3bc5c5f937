using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Reports;

/// <summary>报表: every report of the catalog on screen for one book or rolled up, with its .xlsx download (the API's workbook, the command line's).</summary>
[Requires(AccessScope.Action.Read, OrgSource.Query, Optional = true)]
public sealed class IndexModel(AccessScope scope, ReportCatalog catalog, TimeProvider time) : LedgerPageModel
{
    /// <summary>The reports the page offers: the catalog's, in its order.</summary>
    public static IReadOnlyList<ReportKind> Kinds => ReportCatalog.Kinds;

    [FromQuery]
    public string? Org { get; set; }

    [FromQuery]
    public string? Period { get; set; }

    [FromQuery]
    public string Kind { get; set; } = "balance-sheet";

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    /// <summary>The report as HTML headings and tables, every value encoded by the report writer.</summary>
    public string Html { get; private set; } = string.Empty;

    public string? Download { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organizations = await scope.ReadableAsync(User, ct);
        Period ??= ThisMonth(time);
        if (string.IsNullOrEmpty(Org))
        {
            Org = Organizations.Count > 0 ? Organizations[0].Code : null;
            if (Org is null)
            {
                return Page();
            }
        }

        var month = AccountingPeriod.Parse(Period);
        if (!month.Succeeded)
        {
            Errors = month.Errors;
            return Page();
        }

        var report = await catalog.ComputeAsync(Kind, Org, month.Value, account: null, withVillageSheets: false, ct);
        if (!report.Succeeded)
        {
            Errors = report.Errors;
            return Page();
        }

        using var html = new StringWriter();
        report.Value.Write(ReportFormat.Html, html);
        Html = html.ToString();
        Download = $"/api/reports/{Kind}?org={Uri.EscapeDataString(Org)}&period={month.Value}&format=xlsx";
        return Page();
    }
}
