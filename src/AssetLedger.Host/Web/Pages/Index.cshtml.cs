using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Web.Pages;

/// <summary>首页: one card per grant, with what that role does there — an accountant's book, a supervisor's township, an auditor's reports.</summary>
[SignedIn] // a card per grant the user has
public sealed class IndexModel(AccessScope scope, BookDirectory books, RulesDbContext rules, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    public sealed record Card(string OrgCode, string OrgName, string RoleName, int OpenAlerts, IReadOnlyList<(string Text, string Href)> Links);

    public string DisplayName { get; private set; } = string.Empty;

    public List<Card> Cards { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        DisplayName = user?.DisplayName ?? user?.UserName ?? string.Empty;
        var period = Core.Periods.AccountingPeriod.Of(Core.Common.LedgerClock.Today(time));
        var roots = (await books.OrganizationsAsync(ct)).Values.Where(o => o.ParentId is null).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        foreach (var (role, org, target) in (await scope.GrantsAsync(User, ct)).SelectMany(g => g.Organization is { } o ? [(g.Role, g.Organization, o)] : roots.Select(r => (g.Role, g.Organization, r))))
        {
            var under = await books.FindBooksUnderAsync(target.Code, ct);
            var bookIds = under.Succeeded ? under.Value.Select(b => b.Book.Id).ToList() : [];
            var open = await rules.Alerts.CountAsync(a => bookIds.Contains(a.BookId) && a.State == AlertState.Open, ct);
            var reports = $"/reports?org={target.Code}&period={period}";
            IReadOnlyList<(string, string)> links = role switch
            {
                AccessRole.Accountant =>
                [
                    ("记账（录入凭证）", $"/books/{target.Code}/vouchers/new"), ("凭证查询", $"/books/{target.Code}/vouchers?period={period}"),
                    ("结账", $"/books/{target.Code}/periods"), ("导入", $"/books/{target.Code}/imports"), ("台账", $"/books/{target.Code}/registers"),
                    ("预算执行", $"/books/{target.Code}/budgets?period={period}"), ("报表", reports),
                ],
                AccessRole.Supervisor =>
                [
                    ("预警处理", $"/alerts?org={target.Code}&state=open"), ("全部预警", $"/alerts?org={target.Code}"), ("监管看板", $"/dashboard?org={target.Code}"),
                    ("预警规则与回测", $"/rules?org={target.Code}"), ("预警邮件订阅", "/subscribers"), ("报表", reports),
                ],
                AccessRole.Admin => [("用户与权限", "/admin/users"), ("监管看板", $"/dashboard?org={target.Code}"), ("预警", $"/alerts?org={target.Code}"), ("报表", reports)],
                _ => [("报表", reports), ("监管看板", $"/dashboard?org={target.Code}"), ("预警", $"/alerts?org={target.Code}")],
            };
            Cards.Add(new Card(target.Code, target.Name, RoleNames.Chinese(role) + (org is null ? "（全部单位）" : string.Empty), open, links));
        }
    }
}
