using System.Security.Claims;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Resources;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

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
                ?? Answer(await assets.RecordUsageAsync(body.Org, code, month, body.Units, ct), _ => new AssetUsageJson(code, month.ToString(), body.Units));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/assets/{code}/disposal", async (string code, AssetDisposalRequest body, AssetRegister assets, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = ParseDate(body.Date, "date", errors);
            var proceeds = ParseAmount(body.Proceeds, "proceeds", errors, optional: true);
            return errors.Count > 0
                ? Problem(400, errors)
                : Answer(await assets.DisposeAsync(body.Org, code, date, body.Reason ?? string.Empty, proceeds, body.Account ?? "102", ct),
                    r => new AssetDisposalJson(AssetJson(r.View), r.Voucher.DisplayNumber, r.Voucher.Id, r.Voucher.AlreadyPosted));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        api.MapPost("/depreciation/run", async (DepreciationRequest body, DepreciationRuns runs, CancellationToken ct) =>
        {
            return ParsePeriod(body.Period, out var month) ?? Answer(await runs.RunAsync(body.Org, month, ct), r => new DepreciationRunJson(r.Period.ToString(), r.Voucher?.DisplayNumber, r.Voucher?.Id, r.Assets, r.Total.Yuan, r.AlreadyRun));
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
                : Answer(await runs.ReverseAsync(body.Org, month, date, ct), v => new DepreciationReversalJson(month.ToString(), v.DisplayNumber, v.Id, v.AlreadyPosted));
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
        api.MapGet("/contracts", async Task<Results<Ok<List<ContractJson>>, ProblemHttpResult>> (string org, BookDirectory books, ContractRegister contracts, CancellationToken ct) =>
        {
            var book = await books.FindBookAsync(org, ct);
            return book.Succeeded
                ? TypedResults.Ok((await contracts.SchedulesAsync(book.Value.Book.Id, ct)).Select(c => ContractJson(c, withInstallments: false)).ToList())
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
                : Answer(await contracts.ReceiveAsync(body.Org, number, date, amount, body.Account ?? "102", ct), r => new ReceiptJson(r.Voucher.DisplayNumber, r.Voucher.Id, r.Voucher.AlreadyPosted, Money.FromFen(r.Schedule.Arrears).Yuan));
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
    private static async Task<Results<Ok<ContractJson>, ProblemHttpResult>> ChangeContractAsync(string? dateText, string dateField, Func<DateOnly, Task<Outcome<ContractSchedule>>> change, List<LedgerError>? errors)
    {
        errors ??= [];
        var date = ParseDate(dateText, dateField, errors);
        return errors.Count > 0 ? Problem(400, errors) : Answer(await change(date), c => ContractJson(c, withInstallments: true));
    }

    private static AssetJson AssetJson(AssetView v) => new(
        v.Asset.Code, v.Asset.Name, v.Asset.Category, v.Asset.Acquired, Money.FromFen(v.Asset.Cost).Yuan, Money.FromFen(v.State.Accumulated).Yuan,
        Money.FromFen(v.State.BookValue).Yuan, AssetStatusNames.Name(v.State.Status), v.State.Disposed);

    private static ResourceJson ResourceJson(ResourceView v) =>
        new(v.Resource.Code, v.Resource.Name, ResourceNames.Name(v.Type), v.Area.Mu, ResourceNames.Name(v.Mode), v.Operator);

    private static ContractJson ContractJson(ContractSchedule c, bool withInstallments) => new(
        c.Contract.Number, c.Contract.Counterparty, c.Contract.Start, c.End, Money.FromFen(c.AnnualAmount).Yuan, Money.FromFen(c.Installments.Sum(i => i.Paid)).Yuan,
        Money.FromFen(c.Arrears).Yuan,
        withInstallments
            ? c.Installments.Select(i => new InstallmentJson(i.Installment.Sequence, i.Installment.CoversFrom, i.Installment.CoversTo, i.Installment.Due,
                Money.FromFen(i.Installment.Amount).Yuan, Money.FromFen(i.Paid).Yuan, i.Status.ToString().ToLowerInvariant())).ToList()
            : null);
}

/// <summary>A fixed-asset card as it stands (amounts in 元).</summary>
public sealed record AssetJson(string Code, string Name, string Category, DateOnly Acquired, decimal Cost, decimal Accumulated, decimal BookValue, string Status, DateOnly? Disposed);

/// <summary>A resource as it stands (area in 亩).</summary>
public sealed record ResourceJson(string Code, string Name, string Type, decimal AreaMu, string Mode, string? Operator);

/// <summary>A contract with its figures to date (元), and its installments when asked for one contract.</summary>
public sealed record ContractJson(string Number, string Counterparty, DateOnly Start, DateOnly End, decimal Annual, decimal Received, decimal Arrears, IReadOnlyList<InstallmentJson>? Installments);

/// <summary>One installment of a contract: what it covers, when it is due, what was paid (元), and whether it is paid, due or overdue.</summary>
public sealed record InstallmentJson(int Sequence, DateOnly From, DateOnly To, DateOnly Due, decimal Amount, decimal Paid, string Status);

/// <summary>Work recorded for an asset depreciated by units (工作量法).</summary>
public sealed record AssetUsageJson(string Asset, string Period, long Units);

/// <summary>An asset disposed of, with the voucher that took it off the books.</summary>
public sealed record AssetDisposalJson(AssetJson Asset, string Voucher, long VoucherId, bool AlreadyPosted);

/// <summary>A month's depreciation: its voucher (none when nothing was due), how many assets, the total (元).</summary>
public sealed record DepreciationRunJson(string Period, string? Voucher, long? VoucherId, int Assets, decimal Total, bool AlreadyRun);

/// <summary>A month's depreciation reversed in red ink.</summary>
public sealed record DepreciationReversalJson(string Period, string Voucher, long VoucherId, bool AlreadyPosted);

/// <summary>A receipt on a contract: its voucher, and what is still in arrears afterwards (元).</summary>
public sealed record ReceiptJson(string Voucher, long VoucherId, bool AlreadyPosted, decimal Arrears);
