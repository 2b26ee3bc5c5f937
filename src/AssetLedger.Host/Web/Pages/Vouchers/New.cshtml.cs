using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Vouchers;

/// <summary>
/// 录入凭证: the accountant's voucher form. The same posting as the API and the imports; a key made when the form is
/// shown makes a second submission (a double click, a reload) the same voucher, not a second one.
/// </summary>
[Requires(AccessScope.Action.Post, OrgSource.Route)]
public sealed class NewModel(BookDirectory books, VoucherEntry entry, TimeProvider time) : LedgerPageModel
{
    public sealed class LineInput
    {
        public string? Summary { get; set; }

        public string? Account { get; set; }

        public string? Counterparty { get; set; }

        public string? Debit { get; set; }

        public string? Credit { get; set; }

    }

    /// <summary>Where an error is, as the accountant reads the form.</summary>
    private static readonly VoucherFormPlaces Places = new("日期", i => $"第 {i + 1} 行 借方", i => $"第 {i + 1} 行 贷方", Voucher: "本凭证");

    [FromRoute]
    public string Org { get; set; } = string.Empty;

    [BindProperty]
    public string Key { get; set; } = string.Empty;

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Resolution { get; set; }

    [BindProperty]
    public int Attachments { get; set; }

    [BindProperty]
    public List<LineInput> Lines { get; set; } = [];

    public Organization Organization { get; private set; } = null!;

    /// <summary>The postable accounts, as the picker offers them: <c>11201 应收款—张三</c>.</summary>
    public IReadOnlyList<string> Accounts { get; private set; } = [];

    /// <summary>The 往来单位 already in the book, offered so that one party keeps one name.</summary>
    public IReadOnlyList<string> Counterparties { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        Key = $"web-{Guid.NewGuid():N}";
        Date = LedgerClock.Today(time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Lines = [new(), new(), new(), new()];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
        {
            return denied;
        }

        var form = new VoucherForm(Key, Date, Lines.Select(l => new VoucherFormLine(l.Account, l.Summary, l.Debit, l.Credit, l.Counterparty)).ToList(), Resolution, Attachments);
        var posted = await entry.PostAsync(Org, form, User.Identity?.Name, Places, ct);
        if (posted.Succeeded)
        {
            return Redirect($"/vouchers/{posted.Value.Id}?posted=1");
        }

        Refuse(posted.Errors);
        while (Lines.Count < 4)
        {
            Lines.Add(new());
        }

        return Page();
    }

    /// <summary>The amount in 人民币大写 for the form's running total (the one implementation, on the server).</summary>
    [SignedIn] // the 人民币大写 of an amount: a computation, no book read
    public IActionResult OnGetCapitals(string? amount)
    {
        var parsed = Money.Parse(amount);
        return new JsonResult(new { text = parsed.Succeeded ? ChineseCapitals.Format(parsed.Value) : string.Empty });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        Organization = org;
        var book = await books.FindBookAsync(Org, ct);
        if (!book.Succeeded)
        {
            return NotFound();
        }

        var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
        Accounts = chart.Postable.Select(a => $"{a.Code} {chart.FullName(a)}").ToList();
        Counterparties = await books.CounterpartiesAsync(book.Value.Book.Id, ct);
        return null;
    }
}
