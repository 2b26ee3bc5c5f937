using AssetLedger.Host.Reports;

namespace AssetLedger.Host.Tests.Reports;

/// <summary>The reports' HTML format, which the pages insert as it is: every value encoded, numbers right-aligned.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public void A_table_encodes_every_cell_and_marks_the_amount_columns()
    {
        var table = new TextTable(("名称", false), ("金额", true));
        table.Add("<script>alert('x')</script>", "1,234.50");
        using var html = new StringWriter();

        table.Write(html, ReportFormat.Html);

        html.ToString().Should().Contain("&lt;script&gt;").And.NotContain("<script>")
            .And.Contain("<th class=\"num\">金额</th>").And.Contain("<td class=\"num\">1,234.50</td>");
    }
}
