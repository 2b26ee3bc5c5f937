using System.Security.Claims;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Budgets;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>A book's chart of accounts, its months (close, reopen, year-end close), and its budget.</summary>
    private static void MapBooks(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", async (string org, BookDirectory books, CancellationToken ct) =>
        {
            var book = await books.FindBookAsync(org, ct);
            if (!book.Succeeded)
            {
                return Problem(400, book.Errors);
            }

            var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
            return Results.Ok(chart.Accounts.Select(a => new
            {
                code = a.Code, name = a.Name, fullName = chart.FullName(a), parent = a.ParentCode, category = a.Category.ToString().ToLowerInvariant(),
                side = a.NormalSide == BalanceSide.Debit ? "debit" : "credit", postable = chart.IsLeaf(a), standard = a.IsStandard,
            }));
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/accounts", async (AccountRequest body, AccountService accounts, CancellationToken ct) =>
        {
            var added = await accounts.AddDetailAsync(body.Org, body.Code ?? string.Empty, body.Name ?? string.Empty, ct);
            return added.Succeeded
                ? Results.Created($"/api/accounts?org={Uri.EscapeDataString(body.Org)}", new { code = added.Value.Code, name = added.Value.Name, parent = added.Value.ParentCode })
                : Problem(400, added.Errors);
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapGet("/periods", async (string org, PeriodService periods, CancellationToken ct) =>
            Answer(await periods.StatusesAsync(org, ct), months => months.Select(m => new
            {
                period = m.Period.ToString(), closed = m.Closed, changedBy = m.ChangedBy, changedAt = m.ChangedAtUtc,
            }))).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/periods/close", async (PeriodRequest body, PeriodService periods, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month)
                ?? Answer(await periods.CloseAsync(body.Org, month, ct), _ => new { org = body.Org, period = month.ToString(), closed = true });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/periods/reopen", async (ReopenRequest body, PeriodService periods, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month)
                ?? Answer(await periods.ReopenAsync(body.Org, month, body.Reason ?? string.Empty, ct), _ => new { org = body.Org, period = month.ToString(), closed = false });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/periods/year-close", async (YearCloseRequest body, YearEndClose yearEnd, CancellationToken ct) =>
            Answer(await yearEnd.CloseYearAsync(body.Org, body.Year, ct), r => new
            {
                org = body.Org, year = r.Year, alreadyClosed = r.AlreadyClosed, vouchers = r.ClosingVouchers.Select(v => v.DisplayNumber), closedMonths = r.ClosedMonths.Select(m => m.ToString()),
            })).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapGet("/budgets/execution", async (string org, string period, BudgetService budgets, CancellationToken ct) =>
        {
            return ParsePeriod(period, out var month) ?? Answer(await budgets.ExecutionAsync(org, month, ct), lines => lines.Select(e => new
            {
                org = e.OrgCode, account = e.AccountCode, name = e.AccountName, kind = e.IsExpense ? "expense" : "income",
                budget = Money.FromFen(e.Budget).Yuan, actual = Money.FromFen(e.Actual).Yuan, rate = e.Rate,
            }));
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/budgets/adjustments", async (BudgetAdjustmentRequest body, BudgetService budgets, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var change = ParseAmount(body.Amount, "amount", errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await budgets.AdjustAsync(body.Org, body.Year, body.Account ?? string.Empty, change, body.Reason ?? string.Empty, ct),
                    a => new { org = body.Org, year = body.Year, account = body.Account, amount = change.Yuan, reason = a.Reason });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }
}
