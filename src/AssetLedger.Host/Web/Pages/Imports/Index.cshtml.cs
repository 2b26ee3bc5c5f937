using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Imports;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Imports;

/// <summary>
/// 导入: a CSV or Excel file into the book — vouchers, opening balances, asset cards, resources, contracts, the
/// budget — all or nothing, with every bad row and column listed; and the blank templates to fill in.
/// </summary>
[Requires(AccessScope.Action.Post, OrgSource.Route)]
public sealed class IndexModel(BookDirectory books, IServiceProvider services) : LedgerPageModel
{
    /// <summary>Larger files are refused before they are read: a year of a village's vouchers is far smaller.</summary>
    public const long MaxFileBytes = 50 * 1024 * 1024;

    [FromRoute]
    public string Org { get; set; } = string.Empty;

    public Organization Organization { get; private set; } = null!;

    public string? Kind { get; private set; }

    public string? Summary { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? kind, int? year, IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        Kind = kind;
        if (file is null || file.Length == 0 || file.Length > MaxFileBytes)
        {
            Refuse([new LedgerError("import.file_missing", file is null || file.Length == 0 ? "choose a CSV or .xlsx file" : $"the file is larger than {MaxFileBytes / 1024 / 1024} MB", "文件")]);
            return Page();
        }

        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var imported = await ImportRunner.RunAsync(services, kind ?? string.Empty, Org, year, stream, ct);
        if (imported.Succeeded)
        {
            Summary = $"{file.FileName}：{imported.Value.Summary}";
            return Page();
        }

        Refuse(imported.Errors);
        return Page();
    }

    /// <summary>The blank Excel template of an import, with the book's accounts in its drop-down lists.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string kind, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        if (!Enum.TryParse<TemplateKind>(kind, ignoreCase: true, out var template))
        {
            return NotFound();
        }

        var book = await books.FindBookAsync(Org, ct);
        var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
        var accounts = chart.Postable.Select(a => (a.Code, chart.FullName(a))).ToList();
        return File(ImportTemplates.Build(template, accounts), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{kind}-template-{Org}.xlsx");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        Organization = org;
        return (await books.FindBookAsync(Org, ct)).Succeeded ? null : NotFound();
    }
}
