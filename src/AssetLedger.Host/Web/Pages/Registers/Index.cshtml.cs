using AssetLedger.Core.Assets;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Resources;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Registers;

/// <summary>台账: a book's fixed assets, land and waters, and contracts as they stand, each with its events (newest first).</summary>
public sealed class IndexModel(
    AccessScope scope, BookDirectory books, AssetRegister assets, ResourceRegister resources, ContractRegister contracts, DepreciationRuns depreciation, TimeProvider time)
    : LedgerPageModel
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

    public bool MayPost { get; private set; }

    /// <summary>This month, as the depreciation form proposes it.</summary>
    public string DepreciationMonth { get; private set; } = string.Empty;

    public string Today { get; private set; } = string.Empty;

    [Requires(AccessScope.Action.Read, OrgSource.Route)]
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>计提折旧: the month's depreciation voucher, once (a second run changes nothing).</summary>
    [Requires(AccessScope.Action.Post, OrgSource.Route)]
    public async Task<IActionResult> OnPostDepreciateAsync(string? period, CancellationToken ct) =>
        await ChangeAsync(async () =>
        {
            var month = Core.Periods.AccountingPeriod.Parse(period);
            return month.Succeeded
                ? (await depreciation.RunAsync(Org, month.Value, ct)).Map(r => r switch
                {
                    { AlreadyRun: true } => $"{r.Period} 已计提过折旧，未重复计提",
                    { Voucher: null } => $"{r.Period} 没有需要计提折旧的资产",
                    _ => $"已计提 {r.Period} 折旧 {r.Total} 元（{r.Assets} 项资产），凭证 {r.Voucher!.Value.DisplayNumber}",
                })
                : Core.Common.Outcome<string>.Failure(month.Errors);
        }, ct);

    /// <summary>收取租金: a receipt on a contract, settling its oldest installments (retrying the same receipt changes nothing).</summary>
    [Requires(AccessScope.Action.Post, OrgSource.Route)]
    public async Task<IActionResult> OnPostReceiveAsync(string? contract, string? date, string? amount, CancellationToken ct) =>
        await ChangeAsync(async () =>
        {
            var day = Core.Import.CsvTable.ParseDate(date ?? string.Empty);
            var money = Core.Common.Money.Parse(amount);
            if (!day.Succeeded || !money.Succeeded)
            {
                return Core.Common.Outcome<string>.Failure([.. day.Errors.Select(e => e.At("收款日期")), .. money.Errors.Select(e => e.At("金额"))]);
            }

            return (await contracts.ReceiveAsync(Org, contract ?? string.Empty, day.Value, money.Value, "102", ct))
                .Map(r => r.Voucher.AlreadyPosted
                    ? $"这笔收款此前已由凭证 {r.Voucher.DisplayNumber} 记账，未重复"
                    : $"已收合同 {contract} 租金 {money.Value} 元，凭证 {r.Voucher.DisplayNumber}");
        }, ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<Core.Common.Outcome<string>>> change, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        Report(await change());
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        var book = await books.FindBookAsync(Org, ct);
        if (!book.Succeeded)
        {
            return NotFound();
        }

        Organization = org;
        MayPost = await scope.AllowsAsync(User, AccessScope.Action.Post, org.Id, ct);
        var today = Core.Common.LedgerClock.Today(time);
        DepreciationMonth = ThisMonth(time);
        Today = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var bookId = book.Value.Book.Id;
        Assets = (await assets.ListAsync(Org, ct)).Value;
        AssetEvents = await assets.EventsAsync(bookId, ct);
        Resources = (await resources.ListAsync(Org, ct)).Value;
        ResourceEvents = await resources.EventsAsync(bookId, ct);
        Contracts = await contracts.SchedulesAsync(bookId, ct);
        ContractEvents = await contracts.EventsAsync(bookId, ct);
        return null;
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
