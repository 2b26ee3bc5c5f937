using System.Security.Claims;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using AssetLedger.Rules.Budgets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>A book's chart of accounts, its months (close, reopen, year-end close), and its budget.</summary>
    private static void MapBooks(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", async Task<Results<Ok<List<AccountJson>>, ProblemHttpResult>> (string org, BookDirectory books, CancellationToken ct) =>
        {
            var book = await books.FindBookAsync(org, ct);
            if (!book.Succeeded)
            {
                return Problem(400, book.Errors);
            }

            var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
            return TypedResults.Ok(chart.Accounts.Select(a => new AccountJson(
                a.Code, a.Name, chart.FullName(a), a.ParentCode, a.Category.ToString().ToLowerInvariant(), a.NormalSide == BalanceSide.Debit ? "debit" : "credit",
                chart.IsLeaf(a), a.IsStandard)).ToList());
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/accounts", async Task<Results<Created<AddedAccountJson>, ProblemHttpResult>> (AccountRequest body, AccountService accounts, CancellationToken ct) =>
        {
            var added = await accounts.AddDetailAsync(body.Org, body.Code ?? string.Empty, body.Name ?? string.Empty, ct);
            return added.Succeeded
                ? TypedResults.Created($"/api/accounts?org={Uri.EscapeDataString(body.Org)}", new AddedAccountJson(added.Value.Code, added.Value.Name, added.Value.ParentCode))
                : Problem(400, added.Errors);
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapGet("/periods", async (string org, PeriodService periods, CancellationToken ct) =>
            Answer(await periods.StatusesAsync(org, ct), months => months.Select(m => new PeriodJson(m.Period.ToString(), m.Closed, m.ChangedBy, m.ChangedAtUtc)).ToList())).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/periods/close", async (PeriodRequest body, PeriodService periods, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month)
                ?? Answer(await periods.CloseAsync(body.Org, month, ct), _ => new PeriodStateJson(body.Org, month.ToString(), Closed: true));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/periods/reopen", async (ReopenRequest body, PeriodService periods, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month)
                ?? Answer(await periods.ReopenAsync(body.Org, month, body.Reason ?? string.Empty, ct), _ => new PeriodStateJson(body.Org, month.ToString(), Closed: false));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/periods/year-close", async (YearCloseRequest body, YearEndClose yearEnd, CancellationToken ct) =>
            Answer(await yearEnd.CloseYearAsync(body.Org, body.Year, ct), r => new YearCloseJson(
                body.Org, r.Year, r.AlreadyClosed, r.ClosingVouchers.Select(v => v.DisplayNumber).ToList(), r.ClosedMonths.Select(m => m.ToString()).ToList()))).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapGet("/budgets/execution", async (string org, string period, BudgetService budgets, CancellationToken ct) =>
        {
            return ParsePeriod(period, out var month) ?? Answer(await budgets.ExecutionAsync(org, month, ct), lines => lines.Select(e => new BudgetExecutionJson(
                e.OrgCode, e.AccountCode, e.AccountName, e.IsExpense ? "expense" : "income", Money.FromFen(e.Budget).Yuan, Money.FromFen(e.Actual).Yuan, e.Rate)).ToList());
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/budgets/adjustments", async (BudgetAdjustmentRequest body, BudgetService budgets, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var change = ParseAmount(body.Amount, "amount", errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await budgets.AdjustAsync(body.Org, body.Year, body.Account ?? string.Empty, change, body.Reason ?? string.Empty, ct),
                    a => new BudgetAdjustmentJson(body.Org, body.Year, body.Account, change.Yuan, a.Reason));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }
}

/// <summary>An account of a book's chart: its place in the chart, its side, whether vouchers may post to it.</summary>
public sealed record AccountJson(string Code, string Name, string FullName, string? Parent, string Category, string Side, bool Postable, bool Standard);

/// <summary>A detail account just added.</summary>
public sealed record AddedAccountJson(string Code, string Name, string? Parent);

/// <summary>A month of a book: open or closed, and who changed that last.</summary>
public sealed record PeriodJson(string Period, bool Closed, string? ChangedBy, DateTime? ChangedAt);

/// <summary>A month just closed or reopened.</summary>
public sealed record PeriodStateJson(string Org, string Period, bool Closed);

/// <summary>A year-end close: its closing vouchers and the months it closed (nothing new when the year was closed already).</summary>
public sealed record YearCloseJson(string Org, int Year, bool AlreadyClosed, IReadOnlyList<string> Vouchers, IReadOnlyList<string> ClosedMonths);

/// <summary>A budgeted account through a month: budget and actual (元) and the rate of execution.</summary>
public sealed record BudgetExecutionJson(string Org, string Account, string Name, string Kind, decimal Budget, decimal Actual, decimal Rate);

/// <summary>A budget adjustment recorded (元; negative for 调减).</summary>
public sealed record BudgetAdjustmentJson(string Org, int Year, string? Account, decimal Amount, string Reason);
