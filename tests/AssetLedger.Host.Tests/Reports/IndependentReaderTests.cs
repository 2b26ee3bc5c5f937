using System.Diagnostics;
using System.Text.Json;
using AssetLedger.Host.Tests.CommandLine;

namespace AssetLedger.Host.Tests.Reports;

/// <summary>
/// The workbooks as a reader this project did not write sees them: Debian's openpyxl (python3-openpyxl). On a machine
/// without it the test says so and is skipped; <c>.ci/run</c> installs it and sets
/// <c>ASSETLEDGER_REQUIRE_INDEPENDENT_READERS=1</c>, which makes its absence a failure.
/// </summary>
public sealed class IndependentReaderTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static (int ExitCode, string Output, string Error) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    private static void RequireOpenpyxl()
    {
        var available = File.Exists(Python) && Run("import openpyxl").ExitCode == 0;
        if (!available && Environment.GetEnvironmentVariable("ASSETLEDGER_REQUIRE_INDEPENDENT_READERS") == "1")
        {
            throw new InvalidOperationException("openpyxl is required here (ASSETLEDGER_REQUIRE_INDEPENDENT_READERS=1): install python3-openpyxl");
        }

        Skip.IfNot(available, "Debian's python3-openpyxl is not installed (apt-get install python3-openpyxl); .ci/run installs it");
    }

    [SkippableFact]
    public async Task Openpyxl_reads_the_statements_and_the_journal_with_the_same_numbers_and_text()
    {
        RequireOpenpyxl();
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("opening", "import", cli.WriteFile("opening.csv", "account,counterparty,debit,credit\n102,,115000,\n301,,,100000\n32202,,,15000\n"), "--org", "33010101", "--year", "2024");
        await cli.OkAsync("voucher", "import", cli.WriteFile("v.csv", "key,date,summary,account,debit,credit\n1,2024-03-05,收到土地发包收入,102,95000,\n1,2024-03-05,收到土地发包收入,501,,95000\n2,2024-03-09,=1+1,513,65000.5,\n2,2024-03-09,=1+1,102,,65000.5\n"), "--org", "33010101");
        var balanceSheet = Path.Combine(cli.Folder, "bs.xlsx");
        var journal = Path.Combine(cli.Folder, "journal.xlsx");
        await cli.OkAsync("report", "balance-sheet", "--org", "33010101", "--period", "2024-03", "--format", "xlsx", "--out", balanceSheet);
        await cli.OkAsync("report", "journal", "--org", "33010101", "--period", "2024-03", "--format", "xlsx", "--out", journal);

        var (exit, output, error) = Run("""
            import json, sys, datetime
            from openpyxl import load_workbook
            bs = load_workbook(sys.argv[1]).worksheets[0]
            money = next(r for r in bs.iter_rows(values_only=True) if r[0] and str(r[0]).strip() == "货币资金")
            j = load_workbook(sys.argv[2])["序时账"]
            rows = list(j.iter_rows(min_row=7, values_only=True))
            typed = next(r for r in rows if r[6] == "=1+1")
            cell = next(c for c in j.iter_rows(min_row=7) for c in c if c.value == "=1+1")
            print(json.dumps({
                "title": bs["A1"].value, "money": money[3], "moneyType": type(money[3]).__name__,
                "journalRows": len(rows), "typedType": cell.data_type, "date": typed[1].isoformat() if isinstance(typed[1], datetime.datetime) else None,
                "debit": typed[8], "total": rows[-1][8], "totalLabel": rows[-1][6],
            }, ensure_ascii=False))
            """, balanceSheet, journal);

        exit.Should().Be(0, error);
        error.Should().BeEmpty("openpyxl reads the files without a warning");
        using var read = JsonDocument.Parse(output);
        var r = read.RootElement;
        r.GetProperty("title").GetString().Should().Be("资产负债表");
        r.GetProperty("money").GetDecimal().Should().Be(144_999.5m);
        r.GetProperty("moneyType").GetString().Should().Be("float", "amounts are numbers, not text");
        r.GetProperty("journalRows").GetInt32().Should().Be(5, "four postings and the total");
        r.GetProperty("typedType").GetString().Should().NotBe("f", "typed text is never a formula");
        r.GetProperty("date").GetString().Should().Be("2024-03-09T00:00:00");
        r.GetProperty("debit").GetDecimal().Should().Be(65_000.5m);
        r.GetProperty("totalLabel").GetString().Should().Be("合计");
        r.GetProperty("total").GetDecimal().Should().Be(160_000.5m);
    }
}
