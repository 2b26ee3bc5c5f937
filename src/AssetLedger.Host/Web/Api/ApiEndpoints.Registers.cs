using System.Security.Claims;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Resources;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>The registers as they stand and their events: fixed assets and depreciation, land and waters, contracts and rent.</summary>
    private static void MapRegisters(RouteGroupBuilder api)
    {
        MapAssets(api);
        MapResources(api);
        MapContracts(api);
    }

    private static void MapAssets(RouteGroupBuilder api)
    {
        api.MapGet("/assets", async (string org, AssetRegister assets, CancellationToken ct) =>
            Answer(await assets.ListAsync(org, ct), list => list.Select(AssetJson))).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/assets/{code}/status", async (string code, AssetStatusRequest body, AssetRegister assets, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = ParseDate(body.Date, "date", errors);
            var status = AssetStatusNames.Parse(body.Status);
            if (status is null)
            {
                errors.Add(new LedgerError("asset.status_invalid", $"'{body.Status}' is not a status: {AssetStatusNames.Choices}", "status"));
            }

            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await assets.ChangeStatusAsync(body.Org, code, status!.Value, date, body.Counterparty, body.Reason ?? string.Empty, ct), AssetJson);
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/assets/{code}/usage", async (string code, AssetUsageRequest body, AssetRegister assets, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month)
                ?? Answer(await assets.RecordUsageAsync(body.Org, code, month, body.Units, ct), _ => new { asset = code, period = month.ToString(), units = body.Units });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/assets/{code}/disposal", async (string code, AssetDisposalRequest body, AssetRegister assets, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = ParseDate(body.Date, "date", errors);
            var proceeds = ParseAmount(body.Proceeds, "proceeds", errors, optional: true);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await assets.DisposeAsync(body.Org, code, date, body.Reason ?? string.Empty, proceeds, body.Account ?? "102", ct),
                    r => new { asset = AssetJson(r.View), voucher = r.Voucher.DisplayNumber, voucherId = r.Voucher.Id, alreadyPosted = r.Voucher.AlreadyPosted });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/depreciation/run", async (DepreciationRequest body, DepreciationRuns runs, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month) ?? Answer(await runs.RunAsync(body.Org, month, ct), r => new
            {
                period = r.Period.ToString(), voucher = r.Voucher?.DisplayNumber, voucherId = r.Voucher?.Id, assets = r.Assets, total = r.Total.Yuan, alreadyRun = r.AlreadyRun,
            });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/depreciation/reverse", async (DepreciationRequest body, DepreciationRuns runs, CancellationToken ct) =>
        {
            if (ParsePeriod(body.Period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var errors = new List<LedgerError>();
            var date = body.Date is null ? month.LastDay : ParseDate(body.Date, "date", errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await runs.ReverseAsync(body.Org, month, date, ct), v => new { period = month.ToString(), voucher = v.DisplayNumber, voucherId = v.Id, alreadyPosted = v.AlreadyPosted });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }

    private static void MapResources(RouteGroupBuilder api)
    {
        api.MapGet("/resources", async (string org, ResourceRegister resources, CancellationToken ct) =>
            Answer(await resources.ListAsync(org, ct), list => list.Select(ResourceJson))).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/resources/{code}/changes", async (string code, ResourceChangeRequest body, ResourceRegister resources, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = ParseDate(body.Date, "date", errors);
            var change = ResourceChange.Parse(body.Area, body.Type, body.Mode, body.Operator);
            errors.AddRange(change.Errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await resources.ChangeAsync(body.Org, code, date, change.Value, body.Reason ?? string.Empty, ct), ResourceJson);
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }

    private static void MapContracts(RouteGroupBuilder api)
    {
        api.MapGet("/contracts", async (string org, BookDirectory books, ContractRegister contracts, CancellationToken ct) =>
        {
            var book = await books.FindBookAsync(org, ct);
            return book.Succeeded
                ? Results.Ok((await contracts.SchedulesAsync(book.Value.Book.Id, ct)).Select(c => ContractJson(c, withInstallments: false)))
                : Problem(400, book.Errors);
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapGet("/contracts/{number}", async (string number, string org, ContractRegister contracts, CancellationToken ct) =>
            Answer(await contracts.ScheduleAsync(org, number, ct), c => ContractJson(c, withInstallments: true), failure: 404)).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/contracts/{number}/receipts", async (string number, ReceiptRequest body, ContractRegister contracts, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = ParseDate(body.Date, "date", errors);
            var amount = ParseAmount(body.Amount, "amount", errors);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await contracts.ReceiveAsync(body.Org, number, date, amount, body.Account ?? "102", ct), r => new
                {
                    voucher = r.Voucher.DisplayNumber, voucherId = r.Voucher.Id, alreadyPosted = r.Voucher.AlreadyPosted, arrears = Money.FromFen(r.Schedule.Arrears).Yuan,
                });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/contracts/{number}/renewal", async (string number, ContractRenewalRequest body, ContractRegister contracts, CancellationToken ct) =>
            await ChangeContractAsync(body.End, "end", date => contracts.RenewAsync(body.Org, number, date, body.Reason ?? string.Empty, ct), null))
            .Requires(AccessScope.Action.Post, OrgSource.Body);

        api.MapPost("/contracts/{number}/termination", async (string number, ContractTerminationRequest body, ContractRegister contracts, CancellationToken ct) =>
            await ChangeContractAsync(body.Date, "date", date => contracts.TerminateAsync(body.Org, number, date, body.Reason ?? string.Empty, ct), null))
            .Requires(AccessScope.Action.Post, OrgSource.Body);

        api.MapPost("/contracts/{number}/amendment", async (string number, ContractAmendmentRequest body, ContractRegister contracts, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var amount = ParseAmount(body.AnnualAmount, "annualAmount", errors);
            return await ChangeContractAsync(body.From, "from", date => contracts.AmendAsync(body.Org, number, date, amount, body.Reason ?? string.Empty, ct), errors);
        }).Requires(AccessScope.Action.Post, OrgSource.Body);
    }

    /// <summary>A renewal, termination or amendment: the date the change takes, then the register's own checks.</summary>
    private static async Task<IResult> ChangeContractAsync(string? dateText, string dateField, Func<DateOnly, Task<Outcome<ContractSchedule>>> change, List<LedgerError>? errors)
    {
        errors ??= [];
        var date = ParseDate(dateText, dateField, errors);
        return errors.Count > 0 ? Problem(400, errors) : Answer(await change(date), c => ContractJson(c, withInstallments: true));
    }

    private static object AssetJson(AssetView v) => new
    {
        code = v.Asset.Code, name = v.Asset.Name, category = v.Asset.Category, acquired = v.Asset.Acquired, cost = Money.FromFen(v.Asset.Cost).Yuan,
        accumulated = Money.FromFen(v.State.Accumulated).Yuan, bookValue = Money.FromFen(v.State.BookValue).Yuan,
        status = AssetStatusNames.Name(v.State.Status), disposed = v.State.Disposed,
    };

    private static object ResourceJson(ResourceView v) => new
    {
        code = v.Resource.Code, name = v.Resource.Name, type = ResourceNames.Name(v.Type), areaMu = v.Area.Mu, mode = ResourceNames.Name(v.Mode), @operator = v.Operator,
    };

    private static object ContractJson(ContractSchedule c, bool withInstallments) => new
    {
        number = c.Contract.Number, counterparty = c.Contract.Counterparty, start = c.Contract.Start, end = c.End, annual = Money.FromFen(c.AnnualAmount).Yuan,
        received = Money.FromFen(c.Installments.Sum(i => i.Paid)).Yuan, arrears = Money.FromFen(c.Arrears).Yuan,
        installments = withInstallments
            ? c.Installments.Select(i => new
            {
                sequence = i.Installment.Sequence, from = i.Installment.CoversFrom, to = i.Installment.CoversTo, due = i.Installment.Due,
                amount = Money.FromFen(i.Installment.Amount).Yuan, paid = Money.FromFen(i.Paid).Yuan, status = i.Status.ToString().ToLowerInvariant(),
            })
            : null,
    };
}
