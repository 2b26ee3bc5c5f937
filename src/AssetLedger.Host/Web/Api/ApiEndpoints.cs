using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AssetLedger.Host.Web.Api;

/// <summary>A voucher posted over HTTP; amounts as text in 元, the same as the files take.</summary>
public sealed record VoucherRequest(string Org, string Key, string Date, IReadOnlyList<VoucherLineRequest> Lines, string? Resolution = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record VoucherLineRequest(string Account, string Summary, string? Debit, string? Credit, string? Counterparty = null);

public sealed record AlertActionRequest(string Comment);

/// <summary>An organization the user may read: county, township, village or group.</summary>
public sealed record OrganizationJson(string Code, string Name, string Level);

public sealed record ReverseRequest(string Org, string Voucher, string Date) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record PeriodRequest(string Org, string Period) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ReopenRequest(string Org, string Period, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ReceiptRequest(string Org, string Date, string Amount, string? Account = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record AccountRequest(string Org, string Code, string Name) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record YearCloseRequest(string Org, int Year) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record BudgetAdjustmentRequest(string Org, int Year, string Account, string Amount, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record AssetStatusRequest(string Org, string Status, string Date, string Reason, string? Counterparty = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record AssetUsageRequest(string Org, string Period, long Units) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record AssetDisposalRequest(string Org, string Date, string Reason, string? Proceeds = null, string? Account = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record DepreciationRequest(string Org, string Period, string? Date = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ResourceChangeRequest(string Org, string Date, string Reason, string? Area = null, string? Type = null, string? Mode = null, string? Operator = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ContractRenewalRequest(string Org, string End, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ContractTerminationRequest(string Org, string Date, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record ContractAmendmentRequest(string Org, string From, string AnnualAmount, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record RuleSettingRequest(string Org, string Rule, string Parameter, string Value, string Reason) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

public sealed record BacktestRequest(string Org, string Rule, string From, string To, IReadOnlyDictionary<string, string>? Parameters = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Org;
}

/// <summary>A subscription to the alerts of <see cref="Scope"/>, the organization it acts on.</summary>
public sealed record SubscriberRequest(string Email, string Scope, string? Name = null, IReadOnlyList<string>? Rules = null, string? MinSeverity = null) : IForOrganization
{
    string? IForOrganization.OrganizationCode => Scope;
}

/// <summary>
/// The JSON API under <c>/api</c> (personal API tokens, or the browser's sign-in cookie with its anti-forgery token):
/// the same services, validation and error texts as the command line; errors as RFC 7807 problem details with every
/// error listed; scope checked on the server for every read and write. One file per area: <c>ApiEndpoints.Alerts</c>,
/// <c>.Reports</c>, <c>.Vouchers</c>, <c>.Books</c> (accounts, periods, budgets), <c>.Registers</c> (assets,
/// depreciation, resources, contracts), <c>.Rules</c> (parameters, backtests, subscriptions), <c>.Imports</c>.
/// </summary>
public static partial class ApiEndpoints
{
    public static void MapApi(this RouteGroupBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(SignInEndpoints.RequireAntiforgery);
        api.MapGet("/orgs", async (ClaimsPrincipal user, AccessScope scope, CancellationToken ct) =>
            TypedResults.Ok((await scope.ReadableAsync(user, ct)).Select(o => new OrganizationJson(o.Code, o.Name, o.Level.ToString().ToLowerInvariant())).ToList())).ForSignedIn();
        MapAlerts(api);
        MapReports(api);
        MapVouchers(api);
        MapBooks(api);
        MapRegisters(api);
        MapRules(api);
        MapImports(api);
    }

    /// <summary>The month a request names, or the 400 that says what is wrong with it.</summary>
    private static ProblemHttpResult? ParsePeriod(string? text, out AccountingPeriod month)
    {
        var parsed = AccountingPeriod.Parse(text);
        month = parsed.Succeeded ? parsed.Value : default;
        return parsed.Succeeded ? null : Problem(400, parsed.Errors.Select(e => e.At("period")).ToList());
    }

    /// <summary>A date the request names in <paramref name="field"/>; what is wrong with it goes to <paramref name="errors"/>.</summary>
    private static DateOnly ParseDate(string? text, string field, List<LedgerError> errors)
    {
        var date = CsvTable.ParseDate(text ?? string.Empty);
        errors.AddRange(date.Errors.Select(e => e.At(field)));
        return date.Succeeded ? date.Value : default;
    }

    /// <summary>An amount in 元 the request names in <paramref name="field"/>; absent is zero when <paramref name="optional"/>.</summary>
    private static Money ParseAmount(string? text, string field, List<LedgerError> errors, bool optional = false)
    {
        var amount = optional ? Money.ParseOrZero(text) : Money.Parse(text);
        errors.AddRange(amount.Errors.Select(e => e.At(field)));
        return amount.Succeeded ? amount.Value : Money.Zero;
    }

    /// <summary>200 with the shaped value, or <paramref name="failure"/> (400; 404 for a read by path) with every error of the outcome.</summary>
    private static Results<Ok<TAnswer>, ProblemHttpResult> Answer<T, TAnswer>(Outcome<T> outcome, Func<T, TAnswer> shape, int failure = 400) =>
        outcome.Succeeded ? TypedResults.Ok(shape(outcome.Value)) : Problem(failure, outcome.Errors);

    /// <summary>RFC 7807: a title for the status, the errors as the command line words them, each with its code and place.</summary>
    public static ProblemHttpResult Problem(int status, IReadOnlyList<LedgerError> errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = status switch { 400 => "The request was not accepted; nothing was written.", 403 => "Not allowed.", 404 => "Not found.", _ => "Error." },
            Detail = string.Join("; ", errors.Select(e => e.ToString())),
            Extensions = { ["errors"] = errors.Select(e => new { code = e.Code, message = e.Message, location = e.Location }).ToList() },
        });
}
