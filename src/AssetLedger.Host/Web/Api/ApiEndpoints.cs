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

/// <summary>A voucher posted over HTTP; amounts as text in 元, the same as the files take.</summary>
public sealed record VoucherRequest(string Org, string Key, string Date, IReadOnlyList<VoucherLineRequest> Lines, string? Resolution = null);

public sealed record VoucherLineRequest(string Account, string Summary, string? Debit, string? Credit, string? Counterparty = null);

public sealed record AlertActionRequest(string Comment);

public sealed record ReverseRequest(string Org, string Voucher, string Date);

public sealed record PeriodRequest(string Org, string Period);

public sealed record ReopenRequest(string Org, string Period, string Reason);

public sealed record ReceiptRequest(string Org, string Date, string Amount, string? Account = null);

/// <summary>
/// The JSON API under <c>/api</c> (personal API tokens, or the browser's sign-in cookie with its anti-forgery token): the same services, validation and error texts as the command
/// line; errors as RFC 7807 problem details with every error listed; scope checked on the server for every read and
/// write. First endpoints: organizations, alerts and their handling, every report, vouchers (post, list, reverse),
/// month-end close, the asset and resource registers.
/// </summary>
public static class ApiEndpoints
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(SignInEndpoints.RequireAntiforgery);
        api.MapGet("/orgs", async (ClaimsPrincipal user, AccessScope scope, CancellationToken ct) =>
            Results.Ok((await scope.ReadableAsync(user, ct)).Select(o => new { code = o.Code, name = o.Name, level = o.Level.ToString().ToLowerInvariant() })));

        api.MapGet("/alerts", async (string org, string? state, ClaimsPrincipal user, AccessScope scope, BookDirectory books, AlertService alerts, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            AlertState? s = null;
            if (state is not null)
            {
                if (!Enum.TryParse<AlertState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                {
                    return Problem(400, [new LedgerError("alert.state_invalid", $"state '{state}' is not one of open, acknowledged, resolved, dismissed", "state")]);
                }

                s = parsed;
            }

            var list = await alerts.ListAsync(org, s, ct);
            return list.Succeeded
                ? Results.Ok(list.Value.Select(a => new
                {
                    id = a.Id, rule = a.RuleId, severity = a.Severity.ToString().ToLowerInvariant(), state = a.State.ToString().ToLowerInvariant(),
                    amount = Money.FromFen(a.Amount).Yuan, occurredOn = a.OccurredOn, explanation = a.Explanation,
                }))
                : Problem(400, list.Errors);
        });

        api.MapPost("/alerts/{id:long}/{action}", async (long id, string action, AlertActionRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books,
            AlertService alerts, Rules.Persistence.RulesDbContext rules, CancellationToken ct) =>
        {
            AlertState? to = action switch { "ack" => AlertState.Acknowledged, "resolve" => AlertState.Resolved, "dismiss" => AlertState.Dismissed, _ => null };
            if (to is null)
            {
                return Problem(404, [new LedgerError("api.unknown_action", $"'{action}' is not ack, resolve or dismiss")]);
            }

            var alert = await rules.Alerts.FindAsync([id], ct);
            var orgOfBook = await books.BookOrganizationsAsync(ct);
            if (alert is null || !await scope.AllowsAsync(user, AccessScope.Action.Read, orgOfBook[alert.BookId], ct))
            {
                return Problem(404, [new LedgerError("alert.unknown", $"there is no alert {id}")]);
            }

            if (!await scope.AllowsAsync(user, AccessScope.Action.HandleAlerts, orgOfBook[alert.BookId], ct))
            {
                return Problem(403, [new LedgerError("access.denied", "handling alerts needs a supervisor of the alert's township")]);
            }

            var moved = await alerts.MoveAsync(id, to.Value, body.Comment, ct);
            return moved.Succeeded ? Results.Ok(new { id, state = moved.Value.State.ToString().ToLowerInvariant() }) : Problem(400, moved.Errors);
        });

        api.MapGet("/reports/{kind}", async (string kind, string org, string period, string? format, string? account, ClaimsPrincipal user, AccessScope scope,
            BookDirectory books, StatementService statements, Core.Audit.Actor actor, TimeProvider time, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            var p = AccountingPeriod.Parse(period);
            if (!p.Succeeded)
            {
                return Problem(400, p.Errors.Select(e => e.At("period")).ToList());
            }

            if (format is not (null or "json" or "xlsx"))
            {
                return Problem(400, [new LedgerError("report.format_invalid", $"format '{format}' is not json or xlsx", "format")]);
            }

            var maker = new WorkbookMaker(actor.Name, LedgerClock.Today(time));
            Outcome<(Action<TextWriter> Json, Action<Stream> Xlsx)> report = kind switch
            {
                "trial-balance" => (await statements.TrialBalanceAsync(org, p.Value, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "balance-sheet" => (await statements.BalanceSheetAsync(org, p.Value, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "income-statement" => (await statements.IncomeStatementAsync(org, p.Value, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "journal" => (await statements.JournalAsync(org, p.Value, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write(r, maker, o))),
                "ledger" => (await statements.LedgerAsync(org, p.Value, account, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write(r, maker, o))),
                "disclosure" => (await statements.DisclosureAsync(org, p.Value, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                _ => new LedgerError("report.unknown", $"'{kind}' is not a report: trial-balance, balance-sheet, income-statement, journal, ledger or disclosure"),
            };
            if (!report.Succeeded)
            {
                return Problem(report.Errors is [{ Code: "report.unknown" }] ? 404 : 400, report.Errors);
            }

            if (format == "xlsx")
            {
                var workbook = new MemoryStream();
                report.Value.Xlsx(workbook);
                return Results.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{kind}-{org}-{p.Value}.xlsx");
            }

            using var json = new StringWriter();
            report.Value.Json(json);
            return Results.Text(json.ToString(), "application/json");
        });

        MapVouchers(api);
        MapBooks(api);
        MapImports(api);
        api.MapPost("/vouchers", async (VoucherRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, VoucherPosting posting, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            var errors = new List<LedgerError>();
            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            errors.AddRange(date.Errors.Select(e => e.At("date")));
            var lines = new List<VoucherLineDraft>();
            for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
            {
                var line = body.Lines![i];
                var debit = string.IsNullOrWhiteSpace(line.Debit) ? Outcome<Money>.Success(Money.Zero) : Money.Parse(line.Debit);
                var credit = string.IsNullOrWhiteSpace(line.Credit) ? Outcome<Money>.Success(Money.Zero) : Money.Parse(line.Credit);
                errors.AddRange(debit.Errors.Select(e => e.At($"lines[{i}].debit")));
                errors.AddRange(credit.Errors.Select(e => e.At($"lines[{i}].credit")));
                if (debit.Succeeded && credit.Succeeded)
                {
                    lines.Add(new VoucherLineDraft(line.Account ?? string.Empty, line.Summary ?? string.Empty, debit.Value, credit.Value, line.Counterparty));
                }
            }

            if (errors.Count > 0)
            {
                return Problem(400, errors);
            }

            var book = await books.FindBookAsync(body.Org, ct);
            var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
            var posted = await posting.PostAsync(chart, new VoucherDraft(body.Key ?? string.Empty, date.Value, lines, body.Resolution, Preparer: user.Identity?.Name), ct);
            if (!posted.Succeeded)
            {
                return Problem(400, posted.Errors);
            }

            var v = posted.Value.Vouchers[0];
            return v.AlreadyPosted
                ? Results.Ok(new { voucher = v.DisplayNumber, alreadyPosted = true })
                : Results.Created($"/api/vouchers/{v.Id}", new { voucher = v.DisplayNumber, alreadyPosted = false });
        });
    }

    /// <summary>Vouchers: the month's list with their lines (序时账 order), and red-ink reversal.</summary>
    private static void MapVouchers(RouteGroupBuilder api)
    {
        api.MapGet("/vouchers", async (string org, string period, ClaimsPrincipal user, AccessScope scope, BookDirectory books, StatementService statements, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Read, ct) is { } denied)
            {
                return denied;
            }

            var p = AccountingPeriod.Parse(period);
            if (!p.Succeeded)
            {
                return Problem(400, p.Errors.Select(e => e.At("period")).ToList());
            }

            var journal = await statements.JournalAsync(org, p.Value, ct);
            return journal.Succeeded
                ? Results.Ok(journal.Value.Entries.GroupBy(e => (e.OrgCode, e.VoucherNumber)).Select(v => new
                {
                    org = v.Key.OrgCode, voucher = $"{p.Value}/{v.Key.VoucherNumber}", date = v.First().Date,
                    lines = v.Select(l => new { account = l.AccountCode, name = l.AccountName, summary = l.Summary, counterparty = l.Counterparty, debit = l.Debit.Yuan, credit = l.Credit.Yuan }),
                }))
                : Problem(400, journal.Errors);
        });

        api.MapPost("/vouchers/reverse", async (ReverseRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, VoucherReversal reversal, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            if (!date.Succeeded)
            {
                return Problem(400, date.Errors.Select(e => e.At("date")).ToList());
            }

            var reversed = await reversal.ReverseAsync(body.Org, body.Voucher ?? string.Empty, date.Value, ct);
            return reversed.Succeeded ? Results.Ok(new { voucher = reversed.Value.DisplayNumber, alreadyPosted = reversed.Value.AlreadyPosted }) : Problem(400, reversed.Errors);
        });
    }

    /// <summary>Month-end close, and the registers as they stand.</summary>
    private static void MapBooks(RouteGroupBuilder api)
    {
        api.MapPost("/periods/close", async (PeriodRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, PeriodService periods, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            var p = AccountingPeriod.Parse(body.Period);
            if (!p.Succeeded)
            {
                return Problem(400, p.Errors.Select(e => e.At("period")).ToList());
            }

            var closed = await periods.CloseAsync(body.Org, p.Value, ct);
            return closed.Succeeded ? Results.Ok(new { org = body.Org, period = p.Value.ToString(), closed = true }) : Problem(400, closed.Errors);
        });

        api.MapPost("/periods/reopen", async (ReopenRequest body, ClaimsPrincipal user, AccessScope scope, BookDirectory books, PeriodService periods, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, body.Org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            var p = AccountingPeriod.Parse(body.Period);
            if (!p.Succeeded)
            {
                return Problem(400, p.Errors.Select(e => e.At("period")).ToList());
            }

            var reopened = await periods.ReopenAsync(body.Org, p.Value, body.Reason ?? string.Empty, ct);
            return reopened.Succeeded ? Results.Ok(new { org = body.Org, period = p.Value.ToString(), closed = false }) : Problem(400, reopened.Errors);
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

            var p = AccountingPeriod.Parse(period);
            if (!p.Succeeded)
            {
                return Problem(400, p.Errors.Select(e => e.At("period")).ToList());
            }

            var execution = await budgets.ExecutionAsync(org, p.Value, ct);
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

    /// <summary>
    /// <c>POST /api/imports/{kind}?org=[&amp;year=]</c>: a CSV or .xlsx file (multipart field <c>file</c>) through the same
    /// import as the command line — all or nothing, every bad cell named, the same file again changing nothing.
    /// </summary>
    private static void MapImports(RouteGroupBuilder api)
    {
        api.MapPost("/imports/{kind}", async (string kind, string org, int? year, IFormFile file, ClaimsPrincipal user, AccessScope scope, BookDirectory books,
            IServiceProvider services, CancellationToken ct) =>
        {
            if (await CheckAsync(user, scope, books, org, AccessScope.Action.Post, ct) is { } denied)
            {
                return denied;
            }

            if (kind is "opening" or "budgets" && year is null)
            {
                return Problem(400, [new LedgerError("import.year_missing", $"a {kind} import needs ?year=YYYY", "year")]);
            }

            await using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            stream.Position = 0;
            Outcome<object> result = kind switch
            {
                "vouchers" => (await services.GetRequiredService<VoucherImport>().ImportAsync(org, stream, ct)).Map<object>(r => new { posted = r.Posted, alreadyPosted = r.AlreadyPosted }),
                "opening" => (await services.GetRequiredService<Core.OpeningBalances.OpeningBalanceImport>().ImportAsync(org, year!.Value, stream, ct)).Map<object>(r => new { lines = r.Lines, alreadyImported = r.AlreadyImported }),
                "assets" => (await services.GetRequiredService<Core.Assets.AssetRegister>().ImportAsync(org, stream, ct)).Map<object>(r => new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered }),
                "resources" => (await services.GetRequiredService<Core.Resources.ResourceRegister>().ImportAsync(org, stream, ct)).Map<object>(r => new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered }),
                "contracts" => (await services.GetRequiredService<Core.Contracts.ContractRegister>().ImportAsync(org, stream, ct)).Map<object>(r => new { registered = r.Registered, alreadyRegistered = r.AlreadyRegistered, installments = r.Installments }),
                "budgets" => (await services.GetRequiredService<Rules.Budgets.BudgetService>().ImportAsync(org, year!.Value, stream, ct)).Map<object>(r => new { imported = r.Imported, alreadyImported = r.AlreadyImported }),
                _ => new LedgerError("import.unknown", $"'{kind}' is not an import: vouchers, opening, assets, resources, contracts or budgets"),
            };
            return result.Succeeded ? Results.Ok(result.Value) : Problem(result.Errors is [{ Code: "import.unknown" }] ? 404 : 400, result.Errors);
        }).DisableAntiforgery(); // the group's filter checks a cookie request's token from its header
    }

    /// <summary>403 when the organization is outside the user's scope for the action, 404 when there is none such.</summary>
    private static async Task<IResult?> CheckAsync(ClaimsPrincipal user, AccessScope scope, BookDirectory books, string? orgCode, AccessScope.Action action, CancellationToken ct)
    {
        var org = await books.FindOrganizationAsync(orgCode ?? string.Empty, ct);
        if (!org.Succeeded)
        {
            return Problem(404, org.Errors);
        }

        return await scope.AllowsAsync(user, action, org.Value.Id, ct)
            ? null
            : Problem(403, [new LedgerError("access.denied", $"{org.Value.Name} ({org.Value.Code}) is outside what you may {(action == AccessScope.Action.Read ? "read" : "change")}")]);
    }

    /// <summary>RFC 7807: a title for the status, the errors as the command line words them, each with its code and place.</summary>
    public static IResult Problem(int status, IReadOnlyList<LedgerError> errors) =>
        Results.Problem(new ProblemDetails
        {
            Status = status,
            Title = status switch { 400 => "The request was not accepted; nothing was written.", 403 => "Not allowed.", 404 => "Not found.", _ => "Error." },
            Detail = string.Join("; ", errors.Select(e => e.ToString())),
            Extensions = { ["errors"] = errors.Select(e => new { code = e.Code, message = e.Message, location = e.Location }).ToList() },
        });
}
