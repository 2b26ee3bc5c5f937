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
}
