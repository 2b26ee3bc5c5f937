using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Vouchers;

/// <summary>记账凭证: one posted voucher as on paper, with its reversal (红字冲销) for the book's accountant.</summary>
public sealed class ShowModel(AccessScope scope, VoucherReader reader, VoucherReversal reversal, TimeProvider time) : LedgerPageModel
{
    public VoucherDocument Voucher { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public bool MayReverse { get; private set; }

    public bool JustPosted { get; private set; }

    public string Today { get; private set; } = string.Empty;

    [Requires(AccessScope.Action.Read, OrgSource.Voucher, "id")]
    public async Task<IActionResult> OnGetAsync(long id, string? posted, CancellationToken ct)
    {
        JustPosted = posted is "1";
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>From a list or an alert's evidence: the voucher <c>2024-03/记-0001</c> of a book.</summary>
    [Requires(AccessScope.Action.Read, OrgSource.Query)]
    public async Task<IActionResult> OnGetByNumberAsync(string org, string number, CancellationToken ct)
    {
        var found = await reader.ReadAsync(org, number, ct);
        return found.Succeeded ? Redirect($"/vouchers/{found.Value.Id}") : NotFound();
    }

    [Requires(AccessScope.Action.Post, OrgSource.Voucher, "id")]
    public async Task<IActionResult> OnPostReverseAsync(long id, string? date, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        if (!MayReverse)
        {
            return Forbid(); // a reversal, or a voucher already reversed, is not reversed (again)
        }

        var day = CsvTable.ParseDate(date ?? string.Empty);
        var reversed = day.Succeeded
            ? await reversal.ReverseAsync(Organization.Code, Voucher.Number, day.Value, ct)
            : Outcome<PostedVoucher>.Failure(day.Errors.Select(e => e.At("冲销日期")).ToList());
        if (reversed.Succeeded)
        {
            return Redirect($"/vouchers/{reversed.Value.Id}?posted=1");
        }

        Refuse(reversed.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var found = await reader.ReadAsync(id, ct);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        var org = this.GrantedOrganization();
        Voucher = found.Value;
        Organization = org;
        MayReverse = Voucher.Kind == VoucherKind.Normal && Voucher.ReversedBy is null && await scope.AllowsAsync(User, AccessScope.Action.Post, org.Id, ct);
        Today = LedgerClock.Today(time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }
}
