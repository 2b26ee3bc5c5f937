using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;
using AssetLedger.Host.Web.Access;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Every statement as JSON (the command line's) or an .xlsx download (the workbooks').</summary>
    private static void MapReports(RouteGroupBuilder api)
    {
        api.MapGet("/reports/{kind}", async (string kind, string org, string period, string? format, string? account,
            StatementService statements, Core.Audit.Actor actor, TimeProvider time, CancellationToken ct) =>
        {
            if (ParsePeriod(period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            if (format is not (null or "json" or "xlsx"))
            {
                return Problem(400, [new LedgerError("report.format_invalid", $"format '{format}' is not json or xlsx", "format")]);
            }

            var maker = new WorkbookMaker(actor.Name, LedgerClock.Today(time));
            Outcome<(Action<TextWriter> Json, Action<Stream> Xlsx)> report = kind switch
            {
                "trial-balance" => (await statements.TrialBalanceAsync(org, month, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "balance-sheet" => (await statements.BalanceSheetAsync(org, month, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "income-statement" => (await statements.IncomeStatementAsync(org, month, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
                "journal" => (await statements.JournalAsync(org, month, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write(r, maker, o))),
                "ledger" => (await statements.LedgerAsync(org, month, account, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write(r, maker, o))),
                "disclosure" => (await statements.DisclosureAsync(org, month, ct)).Map<(Action<TextWriter>, Action<Stream>)>(r => (w => ReportWriter.Write(r, ReportFormat.Json, w), o => XlsxReportWriter.Write([r], maker, o))),
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
                return Results.File(workbook.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{kind}-{org}-{month}.xlsx");
            }

            using var json = new StringWriter();
            report.Value.Json(json);
            return Results.Text(json.ToString(), "application/json");
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");
    }
}
