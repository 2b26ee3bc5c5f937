using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Budgets;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Budgets;

/// <summary>预算执行: budget against actual, year to date, per account (and book, for a township or county).</summary>
[Requires(AccessScope.Action.Read, OrgSource.Route)]
public sealed class IndexModel(BudgetService budgets, TimeProvider time) : LedgerPageModel
{
    [FromRoute]
    public string Org { get; set; } = string.Empty;

    [FromQuery]
    public string? Period { get; set; }

    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<BudgetExecution> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        Organization = org;
        Period ??= ThisMonth(time);
        var month = AccountingPeriod.Parse(Period);
        var execution = month.Succeeded ? await budgets.ExecutionAsync(Org, month.Value, ct) : Outcome<IReadOnlyList<BudgetExecution>>.Failure(month.Errors);
        if (execution.Succeeded)
        {
            Lines = execution.Value;
        }
        else
        {
            Errors = execution.Errors;
        }

        return Page();
    }
}
