using System.Security.Claims;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Imports;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>
    /// <c>POST /api/imports/{kind}?org=[&amp;year=]</c>: a CSV or .xlsx file (multipart field <c>file</c>) through the same
    /// import as the command line — all or nothing, every bad cell named, the same file again changing nothing.
    /// </summary>
    private static void MapImports(RouteGroupBuilder api)
    {
        // What an import answers depends on its kind (cards, resources, contracts, vouchers… imported and unchanged).
        api.MapPost("/imports/{kind}", async Task<Results<Ok<object>, ProblemHttpResult>> (string kind, string org, int? year, IFormFile file, IServiceProvider services, CancellationToken ct) =>
        {
            await using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            stream.Position = 0;
            var result = await ImportRunner.RunAsync(services, kind, org, year, stream, ct);
            return result.Succeeded ? TypedResults.Ok(result.Value.Json) : Problem(result.Errors is [{ Code: "import.unknown" }] ? 404 : 400, result.Errors);
        }).Requires(AccessScope.Action.Post, OrgSource.Query, "org").DisableAntiforgery(); // the group's filter checks a cookie request's token from its header
    }
}
