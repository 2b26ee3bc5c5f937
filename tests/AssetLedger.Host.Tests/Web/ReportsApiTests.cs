using System.Net;
using AssetLedger.Host.Reports;
using ClosedXML.Excel;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The reports over HTTP come from the same catalog as the command line's: same kinds, same workbooks.</summary>
public sealed class ReportsApiTests : LiveServer
{
    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string>();
        foreach (var kind in ReportCatalog.Kinds)
        {
            kinds.Add(kind.Id);
        }

        return kinds;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_townships_workbook_downloaded_over_http_has_the_same_sheets_as_the_command_lines(string kind)
    {
        using var auditor = As("audit");
        var file = Path.Combine(Cli.Folder, $"{kind}-cli.xlsx");
        await Cli.OkAsync("report", kind, "--org", "330101", "--period", "2024-03", "--format", "xlsx", "--out", file);

        using var response = await auditor.GetAsync(new Uri($"/api/reports/{kind}?org=330101&period=2024-03&format=xlsx", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be($"{kind}-330101-2024-03.xlsx");
        using var web = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        using var cli = new XLWorkbook(file);
        var sheets = web.Worksheets.Select(w => w.Name).ToList();
        sheets.Should().Equal(cli.Worksheets.Select(w => w.Name));
        if (ReportCatalog.Kinds.Single(k => k.Id == kind).SheetPerVillage)
        {
            sheets.Should().Equal("汇总", "东风村（33010101）", "西岭村（33010102）");
        }
    }

    [Fact]
    public async Task An_unknown_report_is_not_found_and_names_the_reports_there_are()
    {
        using var auditor = As("audit");

        using var response = await auditor.GetAsync(new Uri("/api/reports/cash-flow?org=330101&period=2024-03", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("report.unknown").And.Contain(string.Join(", ", ReportCatalog.Kinds.Select(k => k.Id)));
    }
}
