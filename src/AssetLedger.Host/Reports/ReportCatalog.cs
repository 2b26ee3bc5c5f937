using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;

namespace AssetLedger.Host.Reports;

/// <summary>A report the product makes: its id (the command-line verb, the API's and the page's <c>kind</c>), its Chinese name and what it holds.</summary>
/// <param name="SheetPerVillage">For a roll-up as .xlsx, the workbook has the 汇总 sheet and then the same report for each book under it, a sheet each.</param>
/// <param name="TakesAccount">It can be narrowed to one account (<c>--account</c>, <c>account=</c>).</param>
public sealed record ReportKind(string Id, string Name, string Description, bool SheetPerVillage, bool TakesAccount = false);

/// <summary>A computed report, ready to be written in any format: the text formats from the report itself, the workbook with its sheets.</summary>
public sealed class ComputedReport(ReportKind kind, string orgCode, AccountingPeriod period, Action<ReportFormat, TextWriter> write, Action<WorkbookMaker, Stream> workbook)
{
    public ReportKind Kind { get; } = kind;

    /// <summary>Text, CSV, JSON or HTML (the .xlsx is <see cref="WriteWorkbook"/>).</summary>
    public void Write(ReportFormat format, TextWriter output) => write(format, output);

    public void WriteWorkbook(WorkbookMaker maker, Stream output) => workbook(maker, output);

    /// <summary>The download's name: balance-sheet-33010101-2025-12.xlsx.</summary>
    public string FileName => $"{Kind.Id}-{orgCode}-{period}.xlsx";
}

/// <summary>
/// Which reports exist and how each is made, once for the command line (<c>report KIND</c>), the API
/// (<c>/api/reports/{kind}</c>) and the pages (报表): so a township's workbook has the same sheets wherever it is
/// downloaded. Every figure comes from <see cref="StatementService"/>.
/// </summary>
public sealed class ReportCatalog(StatementService statements, BookDirectory books)
{
    private static readonly IReadOnlyList<IDefinition> Definitions =
    [
        new Definition<Statement>(new("balance-sheet", "资产负债表", "资产负债表", SheetPerVillage: true),
            (s, org, p, _, ct) => s.BalanceSheetAsync(org, p, ct), ReportWriter.Write, XlsxReportWriter.Write),
        new Definition<Statement>(new("income-statement", "收益及收益分配表", "收益及收益分配表", SheetPerVillage: true),
            (s, org, p, _, ct) => s.IncomeStatementAsync(org, p, ct), ReportWriter.Write, XlsxReportWriter.Write),
        new Definition<TrialBalance>(new("trial-balance", "科目余额表", "科目余额表: opening, period, year-to-date and closing per account", SheetPerVillage: true),
            (s, org, p, _, ct) => s.TrialBalanceAsync(org, p, ct), ReportWriter.Write, XlsxReportWriter.Write),
        new Definition<Journal>(new("journal", "序时账", "序时账: every posting of the month in voucher order", SheetPerVillage: false),
            (s, org, p, _, ct) => s.JournalAsync(org, p, ct), ReportWriter.Write, (r, m, o) => XlsxReportWriter.Write(r[0], m, o)),
        new Definition<Ledger>(new("ledger", "明细账", "明细账: each account's postings with running balances", SheetPerVillage: false, TakesAccount: true),
            (s, org, p, account, ct) => s.LedgerAsync(org, p, account, ct), ReportWriter.Write, (r, m, o) => XlsxReportWriter.Write(r[0], m, o)),
        new Definition<Disclosure>(new("disclosure", "村级财务公开表（季度）", "村级财务公开表 for a quarter (--period its last month): 收支, 资产负债, 大额收支", SheetPerVillage: true),
            (s, org, p, _, ct) => s.DisclosureAsync(org, p, ct), ReportWriter.Write, XlsxReportWriter.Write),
    ];

    /// <summary>Every report, in the order the menus show them.</summary>
    public static IReadOnlyList<ReportKind> Kinds { get; } = Definitions.Select(d => d.Kind).ToList();

    /// <summary>The report <paramref name="kind"/> of an organization for a month: a book's own, or the roll-up of the books under a township or county.</summary>
    /// <param name="withVillageSheets">For a roll-up that is to become a workbook: compute the report of each book under it too (its sheets).</param>
    public async Task<Outcome<ComputedReport>> ComputeAsync(string kind, string orgCode, AccountingPeriod period, string? account, bool withVillageSheets, CancellationToken ct)
    {
        var definition = Definitions.FirstOrDefault(d => d.Kind.Id == kind);
        if (definition is null)
        {
            return ReportErrors.Unknown(kind);
        }

        return await definition.ComputeAsync(statements, books, orgCode, period, definition.Kind.TakesAccount ? account : null, withVillageSheets, ct);
    }

    private interface IDefinition
    {
        ReportKind Kind { get; }

        Task<Outcome<ComputedReport>> ComputeAsync(StatementService statements, BookDirectory books, string orgCode, AccountingPeriod period, string? account, bool withVillageSheets, CancellationToken ct);
    }

    private sealed class Definition<T>(
        ReportKind kind,
        Func<StatementService, string, AccountingPeriod, string?, CancellationToken, Task<Outcome<T>>> compute,
        Action<T, ReportFormat, TextWriter> text,
        Action<IReadOnlyList<T>, WorkbookMaker, Stream> xlsx) : IDefinition
        where T : class
    {
        public ReportKind Kind { get; } = kind;

        public async Task<Outcome<ComputedReport>> ComputeAsync(
            StatementService statements, BookDirectory books, string orgCode, AccountingPeriod period, string? account, bool withVillageSheets, CancellationToken ct)
        {
            var report = await compute(statements, orgCode, period, account, ct);
            if (!report.Succeeded)
            {
                return Outcome<ComputedReport>.Failure(report.Errors);
            }

            var sheets = new List<T> { report.Value };
            var under = withVillageSheets && Kind.SheetPerVillage ? await books.FindBooksUnderAsync(orgCode, ct) : null;
            if (under is { Succeeded: true, Value.Count: > 1 })
            {
                foreach (var b in under.Value.OrderBy(b => b.Organization.Code, StringComparer.Ordinal))
                {
                    sheets.Add((await compute(statements, b.Organization.Code, period, account, ct)).Value);
                }
            }

            return Outcome<ComputedReport>.Success(new ComputedReport(Kind, orgCode, period, (format, output) => text(report.Value, format, output), (maker, output) => xlsx(sheets, maker, output)));
        }
    }
}

/// <summary>The reports' refusals.</summary>
public static class ReportErrors
{
    public const string UnknownCode = "report.unknown";

    public static LedgerError Unknown(string kind) =>
        new(UnknownCode, $"'{kind}' is not a report: {string.Join(", ", ReportCatalog.Kinds.Select(k => k.Id))}");
}
