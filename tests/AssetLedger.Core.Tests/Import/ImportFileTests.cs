using System.Text;
using AssetLedger.Core.Import;
using AssetLedger.Core.Vouchers;
using static AssetLedger.Testing.RawWorkbook;

namespace AssetLedger.Core.Tests.Import;

/// <summary>
/// What any import file may not do to the reader: workbooks Excel never writes (a DTD, rows out of order, XML cut short,
/// cells past the sheet's edge, parts that unpack past the limit) and rows that say more than their header or hold a
/// character that cannot be stored — each an error naming where, never an exception.
/// </summary>
public class ImportFileTests
{
    private static readonly string Header = Row(1, "key", "date", "summary", "account", "debit", "credit");
    private static readonly string Debit = Row(2, "A", "2025-03-05", "办公", "513", "10", string.Empty);
    private static readonly string Credit = Row(3, "A", "2025-03-05", "办公", "101", string.Empty, "10");

    private static List<Outcome<CsvRow>> Read(byte[] file, ImportLimits? limits = null) =>
        CsvTable.Read(new MemoryStream(file), VoucherCsvReader.Columns, limits ?? ImportLimits.Default).ToList();

    private static List<LedgerError> Errors(byte[] file, ImportLimits? limits = null) => Read(file, limits).SelectMany(r => r.Errors).ToList();

    public static TheoryData<string, string, string, string> BrokenWorkbooks => new()
    {
        {
            "a DTD with an entity",
            $"<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaa\">]><worksheet xmlns=\"{Main}\"><sheetData>{Header}{Debit}{Credit}</sheetData></worksheet>",
            "xlsx.dtd", "sheet 凭证"
        },
        {
            "a row numbered -5",
            $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}{Row("-5", "A", "2025-03-05", "办公", "513", "10", "")}</sheetData></worksheet>",
            "xlsx.bad_row", "sheet 凭证, after row 1"
        },
        {
            "rows out of order",
            $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}{Credit}{Debit}</sheetData></worksheet>",
            "xlsx.bad_row", "sheet 凭证, after row 3"
        },
        {
            "sheet XML cut short",
            $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}{Debit}{Credit}"[..^30],
            "xlsx.broken_xml", "sheet 凭证, after row 2"
        },
        {
            "sheet XML cut short in its first element (found by the abuse suite)",
            "<?xml version=\"1.0\"?><workshe",
            "xlsx.broken_xml", "sheet 凭证"
        },
        {
            "a sheet that is not XML at all",
            "key,date,summary",
            "xlsx.broken_xml", "sheet 凭证"
        },
        {
            "a cell reference past column XFD",
            $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}<row r=\"2\"><c r=\"XFE2\" t=\"inlineStr\"><is><t>A</t></is></c></row></sheetData></worksheet>",
            "xlsx.bad_cell", "sheet 凭证, row 2"
        },
        {
            "a cell reference of four letters",
            $"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}<row r=\"2\"><c r=\"ABCD2\" t=\"inlineStr\"><is><t>A</t></is></c></row></sheetData></worksheet>",
            "xlsx.bad_cell", "sheet 凭证, row 2"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenWorkbooks))]
    public void A_workbook_excel_never_writes_ends_in_an_error_naming_where(string what, string sheetXml, string code, string location)
    {
        var errors = Errors(OfSheetXml(sheetXml).Bytes());

        errors.Should().ContainSingle(e => e.Code == code, what).Which.Location.Should().Be(location);
    }

    [Fact]
    public void Broken_shared_strings_are_named_not_thrown()
    {
        var file = Sheet(Header, Debit, Credit).WithSharedStrings($"<?xml version=\"1.0\"?><sst xmlns=\"{Main}\"><si><t>A</t></si").Bytes();

        Errors(file).Should().ContainSingle().Which.Code.Should().Be("xlsx.broken_xml");
    }

    [Fact]
    public void A_sheet_named_by_a_relationship_that_names_no_part_is_named_not_thrown()
    {
        var errors = Errors(Sheet(Header, Debit, Credit).WithSheetRelationship("rId9").Bytes());

        errors.Should().ContainSingle().Which.Code.Should().Be("xlsx.broken_xml");
    }

    [Fact]
    public void A_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read()
    {
        var bomb = Sheet(Header, Debit, Credit).WithSharedStrings(InflatingSharedStrings(count: 60, length: 100_000)).Bytes();

        var errors = Errors(bomb, new ImportLimits(MaxWorkbookMegabytes: 5));

        bomb.Length.Should().BeLessThan(100_000, "six megabytes of repeated letters compress to a few kilobytes");
        errors.Should().ContainSingle().Which.Should().Match<LedgerError>(e =>
            e.Code == "xlsx.too_large" && e.Message.Contains("unpacks to 5.7 MB, more than the 5 MB") && e.Message.Contains(ImportLimits.Setting));
        Errors(bomb, new ImportLimits(MaxWorkbookMegabytes: 6)).Should().NotContain(e => e.Code == "xlsx.too_large", "under the limit it is read");
    }

    [Fact]
    public void A_value_under_no_column_of_the_header_is_an_error_not_dropped()
    {
        var csv = Encoding.UTF8.GetBytes("key,date,summary,account,debit,credit\nA,2025-03-05,办公,513,10,,多余\nA,2025-03-05,办公,101,,10,\n");
        var workbook = Sheet(Header, Row(2, "A", "2025-03-05", "办公", "513", "10", "", "多余"), Credit).Bytes();

        Errors(csv).Should().ContainSingle().Which.Should().Match<LedgerError>(e => e.Code == "csv.extra_field" && e.Location == "line 2" && e.Message.Contains("'多余'"));
        Errors(workbook).Should().ContainSingle().Which.Should().Match<LedgerError>(e => e.Code == "csv.extra_field" && e.Location == "sheet 凭证, row 2");
    }

    [Theory]
    [InlineData("\uFFFF", "U+FFFF")]
    [InlineData("\uFFFE", "U+FFFE")]
    [InlineData("\u0008", "U+0008")]
    [InlineData("\u0001", "U+0001")]
    public void A_character_that_cannot_be_stored_is_refused_at_its_row_and_column(string character, string named)
    {
        var csv = Encoding.UTF8.GetBytes($"key,date,summary,account,debit,credit\nA,2025-03-05,办公{character},513,10,\nA,2025-03-05,办公,101,,10\n");

        var error = Errors(csv).Should().ContainSingle().Which;

        error.Code.Should().Be("text.unstorable_character");
        error.Location.Should().Be("line 2, column summary");
        error.Message.Should().Contain(named);
    }

    [Fact]
    public async Task A_broken_workbook_writes_nothing()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var broken = OfSheetXml($"<?xml version=\"1.0\"?><worksheet xmlns=\"{Main}\"><sheetData>{Header}{Debit}{Credit}<row r=\"4\"><c").Bytes();

        var imported = await ledger.RunAsync<VoucherImport, Outcome<PostingReport>>(i => i.ImportAsync("V1", new MemoryStream(broken)));

        imported.Errors.Should().Contain(e => e.Code == "xlsx.broken_xml");
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM vouchers")).Should().Be(0);
    }
}
