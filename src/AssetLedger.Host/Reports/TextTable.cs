using System.Globalization;
using System.Text;

namespace AssetLedger.Host.Reports;

/// <summary>A plain-text table that lines up Chinese text: CJK characters take two terminal columns.</summary>
internal sealed class TextTable(params (string Header, bool RightAligned)[] columns)
{
    /// <summary>Encodes what HTML needs encoded and leaves Chinese as it is (the reports' HTML format).</summary>
    internal static readonly System.Text.Encodings.Web.HtmlEncoder Html =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private readonly List<string[]> rows = [];

    public void Add(params string[] cells) => rows.Add(cells);

    /// <summary>Plain text lined up in columns, or (for the web pages) an HTML table with every cell encoded.</summary>
    public void Write(TextWriter output, ReportFormat format = ReportFormat.Text)
    {
        if (format == ReportFormat.Html)
        {
            WriteHtml(output);
            return;
        }

        var widths = columns.Select((c, i) => Math.Max(Width(c.Header), rows.Count == 0 ? 0 : rows.Max(r => Width(r[i])))).ToArray();
        WriteRow(output, columns.Select(c => c.Header).ToArray(), widths);
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private void WriteHtml(TextWriter output)
    {
        string Cell(string tag, int i, string text) =>
            $"<{tag}{(columns[i].RightAligned ? " class=\"num\"" : string.Empty)}>{Html.Encode(text.Trim())}</{tag}>";
        output.Write("<table class=\"report\"><thead><tr>");
        output.Write(string.Concat(columns.Select((c, i) => Cell("th", i, c.Header))));
        output.Write("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            output.Write("<tr>" + string.Concat(row.Select((cell, i) => Cell("td", i, cell))) + "</tr>");
        }

        output.WriteLine("</tbody></table>");
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var pad = new string(' ', widths[i] - Width(cells[i]));
            sb.Append(columns[i].RightAligned ? pad + cells[i] : cells[i] + (i == cells.Length - 1 ? string.Empty : pad));
            if (i < cells.Length - 1)
            {
                sb.Append("  ");
            }
        }

        output.WriteLine(sb.ToString().TrimEnd());
    }

    internal static int Width(string s)
    {
        var width = 0;
        var e = StringInfo.GetTextElementEnumerator(s);
        while (e.MoveNext())
        {
            var rune = Rune.GetRuneAt(e.GetTextElement(), 0);
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;
}
