using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Every report of the catalog as JSON (the command line's) or an .xlsx download (the command line's workbook: a roll-up with a sheet per village).</summary>
    private static void MapReports(RouteGroupBuilder api)
    {
        // The JSON is the report's own (the command line's --format json); the workbook is the .xlsx download.
        api.MapGet("/reports/{kind}", async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> (string kind, string org, string period, string? format, string? account,
            ReportCatalog catalog, Core.Audit.Actor actor, TimeProvider time, CancellationToken ct) =>
        {
            if (ParsePeriod(period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            if (format is not (null or "json" or "xlsx"))
            {
                return Problem(400, [new LedgerError("report.format_invalid", $"format '{format}' is not json or xlsx", "format")]);
            }

            var report = await catalog.ComputeAsync(kind, org, month, account, withVillageSheets: format == "xlsx", ct);
            if (!report.Succeeded)
            {
                return Problem(report.Errors is [{ Code: ReportErrors.UnknownCode }] ? 404 : 400, report.Errors);
            }

            if (format == "xlsx")
            {
                var workbook = new MemoryStream();
                report.Value.WriteWorkbook(new WorkbookMaker(actor.Name, LedgerClock.Today(time)), workbook);
                return TypedResults.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.Value.FileName);
            }

            using var json = new StringWriter();
            report.Value.Write(ReportFormat.Json, json);
            return TypedResults.Text(json.ToString(), "application/json");
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");
    }
}
