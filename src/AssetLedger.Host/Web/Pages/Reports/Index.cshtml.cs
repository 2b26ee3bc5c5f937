using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Reports;

/// <summary>报表: every statement on screen for one book or rolled up, with its .xlsx download (the API's workbook).</summary>
[Requires(AccessScope.Action.Read, OrgSource.Query, Optional = true)]
public sealed class IndexModel(AccessScope scope,StatementService statements, TimeProvider time) : LedgerPageModel
{
    public static readonly IReadOnlyList<(string Kind, string Name)> Kinds =
    [
        ("balance-sheet", "资产负债表"), ("income-statement", "收益及收益分配表"), ("trial-balance", "科目余额表"),
        ("journal", "序时账"), ("ledger", "明细账"), ("disclosure", "村级财务公开表（季度）"),
    ];

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

        using var html = new StringWriter();
        Outcome<bool> written = Kind switch
        {
            "balance-sheet" => (await statements.BalanceSheetAsync(Org, month.Value, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            "income-statement" => (await statements.IncomeStatementAsync(Org, month.Value, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            "trial-balance" => (await statements.TrialBalanceAsync(Org, month.Value, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            "journal" => (await statements.JournalAsync(Org, month.Value, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            "ledger" => (await statements.LedgerAsync(Org, month.Value, null, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            "disclosure" => (await statements.DisclosureAsync(Org, month.Value, ct)).Map(r => Write(() => ReportWriter.Write(r, ReportFormat.Html, html))),
            _ => new LedgerError("report.unknown", $"'{Kind}' is not a report"),
        };
        if (!written.Succeeded)
        {
            Errors = written.Errors;
            return Page();
        }

        Html = html.ToString();
        Download = $"/api/reports/{Kind}?org={Uri.EscapeDataString(Org)}&period={month.Value}&format=xlsx";
        return Page();
    }

    private static bool Write(Action write)
    {
        write();
        return true;
    }
}
