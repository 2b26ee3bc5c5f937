using System.Security.Claims;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Imports;
using AssetLedger.Host.Web.Access;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>
    /// <c>POST /api/imports/{kind}?org=[&amp;year=]</c>: a CSV or .xlsx file (multipart field <c>file</c>) through the same
    /// import as the command line — all or nothing, every bad cell named, the same file again changing nothing.
    /// </summary>
    private static void MapImports(RouteGroupBuilder api)
    {
        api.MapPost("/imports/{kind}", async (string kind, string org, int? year, IFormFile file, IServiceProvider services, CancellationToken ct) =>
        {
            await using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            stream.Position = 0;
            var result = await ImportRunner.RunAsync(services, kind, org, year, stream, ct);
            return result.Succeeded ? Results.Ok(result.Value.Json) : Problem(result.Errors is [{ Code: "import.unknown" }] ? 404 : 400, result.Errors);
        }).Requires(AccessScope.Action.Post, OrgSource.Query, "org").DisableAntiforgery(); // the group's filter checks a cookie request's token from its header
    }
}
