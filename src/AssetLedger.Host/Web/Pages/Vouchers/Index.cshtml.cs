using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Pages.Vouchers;

/// <summary>凭证查询: a month's vouchers of a book (序时账 order), searched by summary, account or counterparty.</summary>
[Requires(AccessScope.Action.Read, OrgSource.Route)]
public sealed class IndexModel(AccessScope scope, StatementService statements, TimeProvider time) : LedgerPageModel
{
    public sealed record Row(string Number, DateOnly Date, IReadOnlyList<JournalEntry> Lines);

    [FromRoute]
    public string Org { get; set; } = string.Empty;

    [FromQuery]
    public string? Period { get; set; }

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    public Organization Organization { get; private set; } = null!;

    public bool MayPost { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = this.GrantedOrganization();
        Organization = org;
        MayPost = await scope.AllowsAsync(User, AccessScope.Action.Post, org.Id, ct);
        Period ??= ThisMonth(time);
        var month = AccountingPeriod.Parse(Period);
        if (!month.Succeeded)
        {
            Errors = month.Errors;
            return Page();
        }

        var journal = await statements.JournalAsync(Org, month.Value, ct);
        if (!journal.Succeeded)
        {
            Errors = journal.Errors;
            return Page();
        }

        var q = Query?.Trim();
        Rows = journal.Value.Entries.GroupBy(e => e.VoucherNumber)
            .Select(g => new Row($"{month.Value}/{g.Key}", g.First().Date, g.ToList()))
            .Where(r => string.IsNullOrEmpty(q) || r.Lines.Any(l =>
                l.Summary.Contains(q, StringComparison.Ordinal) || l.AccountCode.StartsWith(q, StringComparison.Ordinal)
                || l.AccountName.Contains(q, StringComparison.Ordinal) || (l.Counterparty?.Contains(q, StringComparison.Ordinal) ?? false)))
            .ToList();
        return Page();
    }
}
