using System.Text.Json;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Web.Pages.Dashboard;

/// <summary>
/// 监管看板: for a township or county (or one village), the figures a supervisor looks at first — alerts per month by
/// rule, expense budget against actual by village, cash and bank by village at the month's end, rent in arrears by
/// village — drawn by plotly.js (<c>Web/Assets/dashboard.js</c>) from the figures this page computes.
/// </summary>
[Requires(AccessScope.Action.Read, OrgSource.Query, Optional = true)]
public sealed class IndexModel(
    AccessScope scope, BookDirectory books, StatementService statements, BudgetService budgets, ContractRegister contracts, RulesDbContext rules, TimeProvider time)
    : LedgerPageModel
{
    [FromQuery]
    public string? Org { get; set; }

    [FromQuery]
    public string? Period { get; set; }

    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public Organization? Organization { get; private set; }

    /// <summary>The charts' figures as JSON for the script, in 元.</summary>
    public string Figures { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Organizations = (await scope.ReadableAsync(User, ct)).Where(o => o.Level is not OrganizationLevel.Group).ToList();
        Org ??= Organizations.Count > 0 ? Organizations[0].Code : null;
        if (Org is null)
        {
            return Page();
        }

        var org = HttpContext.GrantedOrganization() ?? Organizations.First(o => o.Code == Org); // none named: the first of the user's own
        Organization = org;
        Period ??= ThisMonth(time);
        var month = AccountingPeriod.Parse(Period);
        var under = await books.FindBooksUnderAsync(Org, ct);
        if (!month.Succeeded || !under.Succeeded)
        {
            Errors = [.. month.Errors, .. under.Errors];
            return Page();
        }

        var villages = under.Value;
        var names = villages.Select(b => b.Organization.Name).ToList();

        // Alerts per month by rule, the twelve months up to the period.
        var first = AccountingPeriod.Of(month.Value.Year - 1, month.Value.Month).Next();
        var bookIds = villages.Select(b => b.Book.Id).ToList();
        var from = first.FirstDay;
        var to = month.Value.LastDay;
        var alerts = await rules.Alerts.AsNoTracking().Where(a => bookIds.Contains(a.BookId) && a.OccurredOn >= from && a.OccurredOn <= to)
            .Select(a => new { a.RuleId, a.OccurredOn }).ToListAsync(ct);
        var months = Enumerable.Range(0, 12).Select(i => AccountingPeriod.Of(first.FirstDay.AddMonths(i))).ToList();
        var byRule = alerts.GroupBy(a => a.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new
        {
            name = Alerts.AlertNames.Rule(g.Key),
            counts = months.Select(m => g.Count(a => m.Contains(a.OccurredOn))).ToList(),
        }).ToList();

        // Expense budget against actual, year to date, by village.
        var execution = await budgets.ExecutionAsync(Org, month.Value, ct);
        var expense = villages.Select(b => execution.Succeeded
            ? execution.Value.Where(e => e.OrgCode == b.Organization.Code && e.IsExpense).Aggregate((Budget: 0L, Actual: 0L), (s, e) => (s.Budget + e.Budget, s.Actual + e.Actual))
            : (Budget: 0L, Actual: 0L)).ToList();

        // Cash (101) and bank (102) at the month's end, and rent in arrears today, by village.
        var cash = new List<decimal>();
        var bank = new List<decimal>();
        var arrears = new List<decimal>();
        foreach (var b in villages)
        {
            var tb = await statements.TrialBalanceAsync(b.Organization.Code, month.Value, ct);
            decimal Closing(string code) => tb.Succeeded ? tb.Value.Lines.FirstOrDefault(l => l.Code == code)?.Closing.Yuan ?? 0m : 0m;
            cash.Add(Closing("101"));
            bank.Add(Closing("102"));
            arrears.Add(Money.FromFen((await contracts.SchedulesAsync(b.Book.Id, ct)).Sum(c => c.Arrears)).Yuan);
        }

        Figures = JsonSerializer.Serialize(new
        {
            months = months.Select(m => m.ToString()),
            alerts = byRule,
            villages = names,
            budget = expense.Select(e => Money.FromFen(e.Budget).Yuan),
            actual = expense.Select(e => Money.FromFen(e.Actual).Yuan),
            cash,
            bank,
            arrears,
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        return Page();
    }
}
