using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.OpeningBalances;

public class OpeningBalanceImportTests
{
    private const string Balanced = """
        account,counterparty,debit,credit
        101,,3000,
        102,,"120,000.00",
        112,张三,5000,
        151,,80000,
        152,,,20000
        301,,,160000
        32202,,,28000
        """;

    [Fact]
    public async Task Opening_balances_become_the_books_starting_point()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var result = (await ledger.OpeningAsync("V1", 2024, Balanced)).ShouldSucceed();
        (await ledger.ImportAssetsAsync("V1", TestLedger.AssetHeader + "F1,办公楼,房屋及建筑物,2019-12-15,80000,240,5%,straight_line,management,20000,,\n")).ShouldSucceed();

        result.Lines.Should().Be(7);
        result.DebitTotal.Yuan.Should().Be(208_000);
        var tb = await ledger.TrialBalanceAsync("V1", "2024-01");
        tb.Lines.Single(l => l.Code == "102").Opening.Yuan.Should().Be(120_000);
        tb.Lines.Single(l => l.Code == "152").Opening.Yuan.Should().Be(-20_000);
        tb.OpeningDebitTotal.Should().Be(tb.OpeningCreditTotal);
        tb.YearDebitTotal.Yuan.Should().Be(0, "opening balances are not the year's activity");
        var sheet = await ledger.BalanceSheetAsync("V1", "2024-01");
        sheet["固定资产净值"].Values[0].Yuan.Should().Be(60_000);
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty("the asset card reconciles with 151 and 152");
    }

    [Fact]
    public async Task Unbalanced_opening_balances_are_rejected_with_the_difference()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ledger.OpeningAsync("V1", 2024, "account,counterparty,debit,credit\n101,,100,\n301,,,90\n");

        result.ShouldFailWith("opening.unbalanced").Message.Should().Contain("10.00");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Row_errors_name_line_and_column()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var result = await ledger.OpeningAsync("V1", 2024, """
            科目,往来单位,借方余额,贷方余额
            101,,abc,
            112,,5,
            322,,,5
            101,,1,1
            """);

        result.Errors.Select(e => e.ToString()).Should().Contain(e => e.StartsWith("line 2, column debit:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 3, column counterparty:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 4, column account:", StringComparison.Ordinal) && e.Contains("detail accounts"))
            .And.Contain(e => e.StartsWith("line 5:", StringComparison.Ordinal) && e.Contains("one side"));
    }

    [Fact]
    public async Task Importing_the_same_balances_again_is_a_no_op_and_different_ones_are_refused()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.OpeningAsync("V1", 2024, Balanced)).ShouldSucceed();
        var before = await ledger.FingerprintAsync();

        (await ledger.OpeningAsync("V1", 2024, Balanced)).ShouldSucceed().AlreadyImported.Should().BeTrue();
        (await ledger.OpeningAsync("V1", 2024, "account,counterparty,debit,credit\n101,,1,\n301,,,1\n")).ShouldFailWith("opening.already_set");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Postings_before_the_opening_year_are_refused_and_the_opening_cannot_follow_them()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");
        (await ledger.OpeningAsync("V1", 2024, Balanced)).ShouldSucceed();
        await ledger.PostAsync("V2", "2023-12-01", Dr("101", 1), Cr("102", 1));

        (await ledger.PostAsync("V1", "2023-12-31", Dr("101", 1), Cr("102", 1))).ShouldFailWith("period.before_opening");
        (await ledger.OpeningAsync("V2", 2024, Balanced)).ShouldFailWith("opening.vouchers_before");
    }
}
