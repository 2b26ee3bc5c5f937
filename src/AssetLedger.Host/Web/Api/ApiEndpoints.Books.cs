using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Month-end close, and the registers as they stand.</summary>
    private static void MapBooks(RouteGroupBuilder api)
    {
        api.MapPost("/periods/close", async (PeriodRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, PeriodService periods, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            if (ParsePeriod(body.Period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var closed = await periods.CloseAsync(body.Org, month, ct);
            return closed.Succeeded ? Results.Ok(new { org = body.Org, period = month.ToString(), closed = true }) : Problem(400, closed.Errors);
        });

        api.MapPost("/periods/reopen", async (ReopenRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, PeriodService periods, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            if (ParsePeriod(body.Period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var reopened = await periods.ReopenAsync(body.Org, month, body.Reason ?? string.Empty, ct);
            return reopened.Succeeded ? Results.Ok(new { org = body.Org, period = month.ToString(), closed = false }) : Problem(400, reopened.Errors);
        });

        api.MapGet("/contracts", async (string org, ClaimsPrincipal user, AccessScope scope, BookDirectory books, Core.Contracts.ContractRegister contracts, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            var book = await books.FindBookAsync(org, ct);
            if (!book.Succeeded)
            {
                return Problem(400, book.Errors);
            }

            return Results.Ok((await contracts.SchedulesAsync(book.Value.Book.Id, ct)).Select(c => new
            {
                number = c.Contract.Number, counterparty = c.Contract.Counterparty, start = c.Contract.Start, end = c.End, annual = Money.FromFen(c.AnnualAmount).Yuan,
                received = Money.FromFen(c.Installments.Sum(i => i.Paid)).Yuan, arrears = Money.FromFen(c.Arrears).Yuan,
            }));
        });

        api.MapPost("/contracts/{number}/receipts", async (string number, ReceiptRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books,
            Core.Contracts.ContractRegister contracts, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            var amount = Money.Parse(body.Amount);
            if (!date.Succeeded || !amount.Succeeded)
            {
                return Problem(400, [.. date.Errors.Select(e => e.At("date")), .. amount.Errors.Select(e => e.At("amount"))]);
            }

            var received = await contracts.ReceiveAsync(body.Org, number, date.Value, amount.Value, body.Account ?? "102", ct);
            return received.Succeeded
                ? Results.Ok(new { voucher = received.Value.Voucher.DisplayNumber, arrears = Money.FromFen(received.Value.Schedule.Arrears).Yuan })
                : Problem(400, received.Errors);
        });

        api.MapGet("/budgets/execution", async (string org, string period, ClaimsPrincipal user, AccessScope scope, BookDirectory books, Rules.Budgets.BudgetService budgets, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            if (ParsePeriod(period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var execution = await budgets.ExecutionAsync(org, month, ct);
            return execution.Succeeded
                ? Results.Ok(execution.Value.Select(e => new
                {
                    org = e.OrgCode, account = e.AccountCode, name = e.AccountName, kind = e.IsExpense ? "expense" : "income",
                    budget = Money.FromFen(e.Budget).Yuan, actual = Money.FromFen(e.Actual).Yuan, rate = e.Rate,
                }))
                : Problem(400, execution.Errors);
        });

        api.MapGet("/assets", async (string org, ClaimsPrincipal user, AccessScope scope, BookDirectory books, Core.Assets.AssetRegister assets, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            var list = await assets.ListAsync(org, ct);
            return list.Succeeded
                ? Results.Ok(list.Value.Select(v => new
                {
                    code = v.Asset.Code, name = v.Asset.Name, category = v.Asset.Category, acquired = v.Asset.Acquired, cost = Money.FromFen(v.Asset.Cost).Yuan,
                    accumulated = Money.FromFen(v.State.Accumulated).Yuan, bookValue = Money.FromFen(v.State.BookValue).Yuan, status = v.State.Status.ToString().ToLowerInvariant(), disposed = v.State.Disposed,
                }))
                : Problem(400, list.Errors);
        });

        api.MapGet("/resources", async (string org, ClaimsPrincipal user, AccessScope scope, BookDirectory books, Core.Resources.ResourceRegister resources, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            var list = await resources.ListAsync(org, ct);
            return list.Succeeded
                ? Results.Ok(list.Value.Select(v => new
                {
                    code = v.Resource.Code, name = v.Resource.Name, type = Core.Resources.ResourceNames.Name(v.Type), areaMu = v.Area.Mu,
                    mode = Core.Resources.ResourceNames.Name(v.Mode), @operator = v.Operator,
                }))
                : Problem(400, list.Errors);
        });
    }
}
