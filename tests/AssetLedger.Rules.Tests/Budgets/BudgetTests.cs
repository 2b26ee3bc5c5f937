using AssetLedger.Rules.Alerts;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.Budgets;

public class BudgetTests
{
    [Fact]
    public async Task An_import_with_any_bad_line_names_each_one_and_writes_nothing()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();

        var result = await ledger.ImportBudgetAsync("V1", 2024, """
            account,amount,m1,m2,m3,m4,m5,m6,m7,m8,m9,m10,m11,m12
            513,1200,100,100,100,100,100,100,100,100,100,100,100,100
            102,500,,,,,,,,,,,,
            999,500,,,,,,,,,,,,
            514,1200,100,100,100,100,100,100,100,100,100,100,100,99
            515,12x,,,,,,,,,,,,
            """);

        result.Errors.Select(e => (e.Code, e.Location)).Should().Equal(
            ("budget.account_invalid", "line 3, column account"),
            ("account.unknown", "line 4, column account"),
            ("budget.months_differ", "line 5"),
            ("money.invalid", "line 6, column amount"));
        (await ledger.BudgetExecutionAsync("V1", "2024-12")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_budget_again_changes_nothing_and_a_different_one_for_the_same_account_is_refused()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n513,10000\n")).ShouldSucceed().Imported.Should().Be(1);

        var again = await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n513,10000\n514,3000\n");
        var changed = await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n513,12000\n");
        var twice = await ledger.ImportBudgetAsync("V1", 2025, "account,amount\n513,1\n513,2\n");

        again.ShouldSucceed().Should().Be(new Rules.Budgets.BudgetImportResult(1, 1));
        changed.ShouldFailWith("budget.overlap").Message.Should().Contain("budget adjust");
        twice.ShouldFailWith("budget.overlap").Message.Should().Contain("lines 2, 3");
        (await ledger.BudgetExecutionAsync("V1", "2024-12")).Select(b => b.Budget).Should().Equal(10_000_00, 3_000_00);
    }

    [Fact]
    public async Task Execution_counts_approved_adjustments_and_the_months_planned_so_far()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.ImportBudgetAsync("V1", 2024, """
            account,amount,m1,m2,m3,m4,m5,m6,m7,m8,m9,m10,m11,m12
            513,12000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000
            501,50000,,,,,,,,,,,,
            """);
        (await ledger.AdjustBudgetAsync("V1", 2024, "513", 600)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-02-10", Dr("513", 1_800), Cr("102", 1_800));
        await ledger.PostAsync("V1", "2024-02-11", Dr("102", 20_000), Cr("501", 20_000));

        var march = await ledger.BudgetExecutionAsync("V1", "2024-03");

        march.Select(b => (b.AccountCode, b.IsExpense, b.Budget, b.Actual, b.Rate)).Should().Equal(
            ("501", false, 50_000_00, 20_000_00, 0.4m),
            ("513", true, 3_600_00, 1_800_00, 0.5m));
        (await ledger.AdjustBudgetAsync("V1", 2024, "513", -20_000)).ShouldFailWith("budget.adjustment_invalid");
        (await ledger.AdjustBudgetAsync("V1", 2024, "514", 100)).ShouldFailWith("budget.unknown");
        foreach (var sql in new[] { "UPDATE budgets SET amount = 1", "DELETE FROM budget_adjustments" })
        {
            var overwrite = () => ledger.ExecuteSqlAsync(sql);
            await overwrite.Should().ThrowAsync<System.Data.Common.DbException>(sql);
        }
    }

    [Fact]
    public async Task A_township_sees_the_budgets_of_every_village_under_it()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.VillageAsync("V2");
        await ledger.ImportBudgetAsync("V1", 2024, "account,amount\n513,1000\n");
        await ledger.ImportBudgetAsync("V2", 2024, "account,amount\n514,2000\n");

        var township = await ledger.BudgetExecutionAsync(Township, "2024-06");

        township.Select(b => (b.OrgCode, b.AccountCode)).Should().BeEquivalentTo([("V1", "513"), ("V2", "514")]);
    }
}
