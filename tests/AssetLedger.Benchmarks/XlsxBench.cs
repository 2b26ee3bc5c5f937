using System.Diagnostics;
using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Host.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AssetLedger.Benchmarks;

/// <summary>
/// The large journal as .xlsx (docs/benchmarks.md): the product's streaming writer against a plain
/// <see cref="OpenXmlWriter"/> of the same rows, each in a process of its own for its peak memory.
///   dotnet run -c Release --project tests/AssetLedger.Benchmarks -- xlsx [--rows 100000]
/// </summary>
internal static class XlsxBench
{
    /// <summary>A month's journal of <paramref name="rows"/> lines, the same in both phases.</summary>
    private static Journal Lines(int rows)
    {
        var random = new Random(7);
        string[] summaries = ["支付村部办公楼屋顶维修费用及材料款", "收到东坡村民小组土地发包收入", "发放村干部及村务监督委员会成员误工补贴", "购买办公用品", "收取鱼塘承包费"];
        string[] accounts = ["102 银行存款", "513 管理费用", "501 经营收入", "101 库存现金", "211 应付款"];
        var entries = new List<JournalEntry>(rows);
        for (var i = 0; i < rows; i++)
        {
            var account = accounts[random.Next(accounts.Length)];
            var amount = Money.FromFen(random.Next(100, 5_000_000));
            var debit = i % 2 == 0;
            entries.Add(new JournalEntry("33010101", new DateOnly(2024, 3, 1 + (i % 31)), $"记-{(i / 2) + 1:0000}", (i % 2) + 1, account[..3], account[4..],
                $"{summaries[random.Next(summaries.Length)]}{i}", i % 3 == 0 ? "李四建材" : null, debit ? amount : Money.Zero, debit ? Money.Zero : amount));
        }

        return new Journal(new ReportHeader("序时账", "33010101", "东风村", AccountingPeriod.Parse("2024-03").Value, 1), entries);
    }

    public static Dictionary<string, double> Journal(string work, int rows)
    {
        var journal = Lines(rows);
        var path = Path.Combine(work, "journal.xlsx");
        var clock = Stopwatch.StartNew();
        using (var file = File.Create(path))
        {
            XlsxReportWriter.Write(journal, new WorkbookMaker("benchmark", new DateOnly(2026, 1, 15)), file);
        }

        clock.Stop();
        return new() { ["rows"] = rows, ["seconds"] = clock.Elapsed.TotalSeconds, ["peakMb"] = Phases.PeakMb(), ["bytes"] = new FileInfo(path).Length };
    }

    /// <summary>The floor: the same rows through <see cref="OpenXmlWriter"/>, inline strings and plain numbers, nothing else.</summary>
    public static Dictionary<string, double> Raw(string work, int rows)
    {
        var journal = Lines(rows);
        var path = Path.Combine(work, "raw.xlsx");
        var clock = Stopwatch.StartNew();
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                static Cell Text(string? s) => new(new InlineString(new Text(s ?? string.Empty))) { DataType = CellValues.InlineString };
                static Cell Number(decimal d) => new(new CellValue(d.ToString(CultureInfo.InvariantCulture)));
                foreach (var e in journal.Entries)
                {
                    writer.WriteStartElement(new Row());
                    foreach (var cell in new[]
                    {
                        Text(e.OrgCode), Number((decimal)e.Date.ToDateTime(TimeOnly.MinValue).ToOADate()), Text(e.VoucherNumber), Number(e.LineNo), Text(e.AccountCode),
                        Text(e.AccountName), Text(e.Summary), Text(e.Counterparty), Number(e.Debit.Yuan), Number(e.Credit.Yuan),
                    })
                    {
                        writer.WriteElement(cell);
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "序时账", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }

        clock.Stop();
        return new() { ["rows"] = rows, ["seconds"] = clock.Elapsed.TotalSeconds, ["peakMb"] = Phases.PeakMb(), ["bytes"] = new FileInfo(path).Length };
    }
}
