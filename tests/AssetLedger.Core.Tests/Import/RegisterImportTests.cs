using System.Text;
using AssetLedger.Core.Import;

namespace AssetLedger.Core.Tests.Import;

/// <summary>The one pipeline of the register imports, on a register of named plots stated in a few lines.</summary>
public class RegisterImportTests
{
    private sealed record Plot(string Code, string Name);

    private static RegisterImport<Plot, Plot> Plots(params Plot[] registered) => new(
        [new CsvColumn("code", true, "编号"), new CsvColumn("name", true, "名称")],
        (row, _) => Task.FromResult(row.Get("name") is { Length: > 0 } name
            ? Outcome<Plot>.Success(new Plot(row.Get("code"), name))
            : Outcome<Plot>.Failure(new LedgerError("plot.name_missing", "a plot needs a name", row.At("name")))),
        p => p.Code,
        (codes, _) => Task.FromResult(registered.Where(p => codes.Contains(p.Code)).ToDictionary(p => p.Code)),
        (stored, p) => stored.Name == p.Name,
        (code, lines) => new LedgerError("plot.repeated", $"{code} on lines {string.Join(", ", lines)}"),
        (p, stored, line) => new LedgerError("plot.taken", $"{p.Code} is {stored.Name}", $"line {line}"));

    private static Task<Outcome<ImportPlan<Plot>>> PlanAsync(RegisterImport<Plot, Plot> import, string csv) =>
        import.PlanAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportLimits.Default, CancellationToken.None);

    [Fact]
    public async Task New_entries_are_to_be_written_and_the_same_entry_again_is_kept_as_it_is()
    {
        var plan = (await PlanAsync(Plots(new Plot("P1", "东坡")), "code,name\nP1,东坡\nP2,西洼\n")).ShouldSucceed();

        plan.Fresh.Should().Equal(new Plot("P2", "西洼"));
        plan.Unchanged.Should().Be(1);
    }

    [Fact]
    public async Task Every_bad_row_a_repeated_key_and_a_taken_one_are_all_named_and_nothing_is_to_be_written()
    {
        var errors = (await PlanAsync(Plots(new Plot("P1", "东坡")), "code,name\nP1,北岗\nP2,\nP3,南滩\nP3,南滩\n")).Errors;

        errors.Select(e => (e.Code, e.Location)).Should().Equal(
            ("plot.name_missing", "line 3, column name"), ("plot.repeated", null), ("plot.taken", "line 2"));
        errors[1].Message.Should().Be("P3 on lines 4, 5");
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_before_any_row() =>
        (await PlanAsync(Plots(), "code\nP1\n")).ShouldFailWith("csv.missing_column");
}
