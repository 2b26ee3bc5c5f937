using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Resources;
using AssetLedger.Host.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AssetLedger.Host.Web.Pages.Registers;

/// <summary>台账: a book's fixed assets, land and waters, and contracts as they stand, each with its events (newest first).</summary>
public sealed class IndexModel(AccessScope scope, BookDirectory books, AssetRegister assets, ResourceRegister resources, ContractRegister contracts) : PageModel
{
    [FromRoute]
    public string Org { get; set; } = string.Empty;

    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<AssetView> Assets { get; private set; } = [];

    public IReadOnlyList<(AssetEvent Event, FixedAsset Asset)> AssetEvents { get; private set; } = [];

    public IReadOnlyList<ResourceView> Resources { get; private set; } = [];

    public IReadOnlyList<(ResourceEvent Event, Resource Resource)> ResourceEvents { get; private set; } = [];

    public IReadOnlyList<ContractSchedule> Contracts { get; private set; } = [];

    public IReadOnlyList<(ContractEvent Event, Contract Contract)> ContractEvents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (denied, org) = await this.CheckAsync(scope, books, Org, AccessScope.Action.Read, ct);
        if (denied is not null)
        {
            return denied;
        }

        var book = await books.FindBookAsync(Org, ct);
        if (!book.Succeeded)
        {
            return NotFound();
        }

        Organization = org;
        var bookId = book.Value.Book.Id;
        Assets = (await assets.ListAsync(Org, ct)).Value;
        AssetEvents = await assets.EventsAsync(bookId, ct);
        Resources = (await resources.ListAsync(Org, ct)).Value;
        ResourceEvents = await resources.EventsAsync(bookId, ct);
        Contracts = await contracts.SchedulesAsync(bookId, ct);
        ContractEvents = await contracts.EventsAsync(bookId, ct);
        return Page();
    }

    public static string Describe(AssetEvent e) => e.Kind switch
    {
        AssetEventKind.Registered => "登记",
        AssetEventKind.StatusChanged => $"状态改为{(e.Status is { } s ? AssetStatusNames.Name(s) : string.Empty)}{(e.Counterparty is null ? string.Empty : $"（{e.Counterparty}）")}",
        AssetEventKind.Usage => $"工作量 {e.Units}",
        _ => "处置",
    };

    public static string Describe(ResourceEvent e) => e.Kind switch
    {
        ResourceEventKind.Registered => "登记",
        ResourceEventKind.AreaChanged => $"面积 {e.Before} → {e.After}",
        ResourceEventKind.TypeChanged => $"类型 {e.Before} → {e.After}",
        ResourceEventKind.ModeChanged => $"经营方式 {e.Before} → {e.After}",
        _ => $"承包方 {e.Before} → {e.After}",
    };

    public static string Describe(ContractEvent e) => e.Kind switch
    {
        ContractEventKind.Renewed => $"续签至 {e.NewEnd:yyyy-MM-dd}",
        ContractEventKind.Terminated => "提前解除",
        _ => $"变更年租金为 {Core.Common.Money.FromFen(e.NewAnnualAmount ?? 0)}",
    };
}
