using System.IO.Compression;
using System.Security;
using System.Text;

namespace AssetLedger.Testing;

/// <summary>
/// An .xlsx package written by hand, part by part, so that a test can say exactly what is wrong with it: a DTD, a row
/// numbered -5, sheet XML cut short, shared strings that unpack to a hundred megabytes — what Excel never writes and an
/// attacker does. <c>RawWorkbook.Sheet(Row(...), Row(...)).Bytes()</c> is a valid workbook of inline strings.
/// </summary>
public sealed class RawWorkbook
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private RawWorkbook(string sheetXml, string? sharedStringsXml, string sheetRelationship = "rId1") =>
        (SheetXml, SharedStringsXml, SheetRelationship) = (sheetXml, sharedStringsXml, sheetRelationship);

    public string SheetXml { get; }

    public string? SharedStringsXml { get; }

    /// <summary>The relationship the workbook names its sheet by (rId1 is the one that exists).</summary>
    public string SheetRelationship { get; }

    /// <summary>A first sheet 凭证 of the given rows.</summary>
    public static RawWorkbook Sheet(params string[] rows) =>
        new($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>{string.Concat(rows)}</sheetData></worksheet>", null);

    /// <summary>A sheet of exactly this XML.</summary>
    public static RawWorkbook OfSheetXml(string xml, string? sharedStrings = null) => new(xml, sharedStrings);

    /// <summary>The same sheet with these shared strings.</summary>
    public RawWorkbook WithSharedStrings(string xml) => new(SheetXml, xml, SheetRelationship);

    /// <summary>The same package, with the workbook naming its sheet by another relationship (one that names no part).</summary>
    public RawWorkbook WithSheetRelationship(string id) => new(SheetXml, SharedStringsXml, id);

    /// <summary>A row of inline-string cells (<c>r</c> given as is, so a test can give a bad one).</summary>
    public static string Row(string r, params string[] cells) =>
        $"<row r=\"{r}\">{string.Concat(cells.Select(c => $"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(c)}</t></is></c>"))}</row>";

    public static string Row(int r, params string[] cells) => Row(r.ToString(System.Globalization.CultureInfo.InvariantCulture), cells);

    public byte[] Bytes()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var shared = SharedStringsXml is not null;
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (shared ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : string.Empty)
                + "</Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + $"<sheets><sheet name=\"凭证\" sheetId=\"1\" r:id=\"{SheetRelationship}\"/></sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (shared ? "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" : string.Empty)
                + "</Relationships>");
            Add(zip, "xl/worksheets/sheet1.xml", SheetXml);
            if (shared)
            {
                Add(zip, "xl/sharedStrings.xml", SharedStringsXml!);
            }
        }

        return output.ToArray();
    }

    /// <summary>Shared strings of <paramref name="count"/> items of <paramref name="length"/> letters each: compresses to almost nothing, unpacks to count × length.</summary>
    public static string InflatingSharedStrings(int count, int length)
    {
        var item = $"<si><t>{new string('A', length)}</t></si>";
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\">");
        for (var i = 0; i < count; i++)
        {
            xml.Append(item);
        }

        return xml.Append("</sst>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
