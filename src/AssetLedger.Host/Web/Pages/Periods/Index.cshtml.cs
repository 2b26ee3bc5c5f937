using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Periods;

/// <summary>结账: a book's months, open or closed; the accountant closes the next month or reopens the latest with a reason.</summary>
public sealed class IndexModel(AccessScope scope, PeriodService periods) : LedgerPageModel
{
    [FromRoute]
    public string Org { get; set; } = string.Empty;

    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<PeriodStatus> Months { get; private set; } = [];

    public bool MayChange { get; private set; }

    /// <summary>The first open month (the only one that may close next) and the last closed one (the only one that may reopen).</summary>
    public AccountingPeriod? NextToClose { get; private set; }

    public AccountingPeriod? LastClosed { get; private set; }

    [Requires(AccessScope.Action.Read, OrgSource.Route)]
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    [Requires(AccessScope.Action.Post, OrgSource.Route)]
    public async Task<IActionResult> OnPostCloseAsync(string? period, CancellationToken ct) =>
        await ChangeAsync(period, month => periods.CloseAsync(Org, month, ct), "已结账", ct);

    [Requires(AccessScope.Action.Post, OrgSource.Route)]
    public async Task<IActionResult> OnPostReopenAsync(string? period, string? reason, CancellationToken ct) =>
        await ChangeAsync(period, month => periods.ReopenAsync(Org, month, reason ?? string.Empty, ct), "已反结账", ct);

    private async Task<IActionResult> ChangeAsync(string? period, Func<AccountingPeriod, Task<Outcome<PeriodChange>>> change, string done, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        var month = AccountingPeriod.Parse(period);
        var changed = month.Succeeded ? await change(month.Value) : Outcome<PeriodChange>.Failure(month.Errors);
        Report(changed.Map(c => $"{c.Period} {done}"));
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        Organization = org;
        MayChange = await scope.AllowsAsync(User, AccessScope.Action.Post, org.Id, ct);
        var statuses = await periods.StatusesAsync(Org, ct);
        if (!statuses.Succeeded)
        {
            return NotFound();
        }

        Months = statuses.Value;
        NextToClose = Months.FirstOrDefault(m => !m.Closed)?.Period;
        LastClosed = Months.LastOrDefault(m => m.Closed)?.Period;
        return null;
    }
}
