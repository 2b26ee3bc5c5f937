using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Statements;

public class StatementTests
{
    [Fact]
    public async Task Internal_current_accounts_are_split_by_the_sign_of_each_counterparty_never_netted()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-01", Dr("113", 800, "一组"), Cr("101", 800));
        await ledger.PostAsync("V1", "2024-03-02", Dr("101", 300, "二组"), Cr("113", 300, "二组"));
        await ledger.PostAsync("V1", "2024-03-03", Dr("102", 1_000), Cr("211", 1_000, "某公司"));

        var sheet = await ledger.BalanceSheetAsync("V1", "2024-03");

        sheet["应收款项"].Values[1].Yuan.Should().Be(800, "一组 owes the village 800");
        sheet["应付款项"].Values[1].Yuan.Should().Be(1_300, "the village owes 二组 300 and 某公司 1,000");
        sheet["资产总计"].Values[1].Should().Be(sheet["负债和所有者权益总计"].Values[1]);
    }

    [Fact]
    public async Task Contra_accounts_are_netted_and_two_sided_accounts_keep_their_sign()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-01", Dr("151", 50_000), Cr("102", 50_000));
        await ledger.PostAsync("V1", "2024-03-31", Dr("513", 800), Cr("152", 800));
        await ledger.PostAsync("V1", "2024-03-31", Dr("102", 2_000), Cr("231", 2_000));
        await ledger.PostAsync("V1", "2024-03-31", Dr("231", 2_500), Cr("102", 2_500));

        var sheet = await ledger.BalanceSheetAsync("V1", "2024-03");

        sheet["固定资产原值"].Values[1].Yuan.Should().Be(50_000);
        sheet["累计折旧"].Values[1].Yuan.Should().Be(800);
        sheet["固定资产净值"].Values[1].Yuan.Should().Be(49_200);
        sheet["一事一议资金"].Values[1].Yuan.Should().Be(-500, "a debit balance of 231 means overspending and shows negative");
        sheet["资产总计"].Values[1].Should().Be(sheet["负债和所有者权益总计"].Values[1]);
    }

    [Fact]
    public async Task A_township_sees_the_roll_up_of_its_villages()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.VillageAsync("V2");
        await ledger.TownshipAsync("T2");
        await ledger.VillageAsync("V3", "T2");
        (await ledger.AddAccountAsync("V1", "50101", "发包收入")).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-01", Dr("102", 100), Cr("50101", 100));
        await ledger.PostAsync("V2", "2024-03-01", Dr("102", 20), Cr("501", 20));
        await ledger.PostAsync("V3", "2024-03-01", Dr("102", 3), Cr("501", 3));

        var township = await ledger.IncomeStatementAsync(Township, "2024-03");
        var county = await ledger.IncomeStatementAsync(County, "2024-03");
        var tb = await ledger.TrialBalanceAsync(Township, "2024-03");

        township.Header.Books.Should().Be(2);
        township["经营收入"].Values[1].Yuan.Should().Be(120);
        county["经营收入"].Values[1].Yuan.Should().Be(123);
        tb.Lines.Select(l => l.Code).Should().NotContain("50101", "detail accounts differ by book; a roll-up shows standard accounts");
        tb.Lines.Single(l => l.Code == "501").Closing.Yuan.Should().Be(-120);
        (await ledger.JournalAsync(County, "2024-03")).Entries.Select(e => e.OrgCode).Distinct().Should().BeEquivalentTo(["V1", "V2", "V3"]);
    }

    [Fact]
    public async Task Trial_balance_shows_opening_period_year_and_closing_figures_that_balance()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.OpeningAsync("V1", 2024, "account,counterparty,debit,credit\n102,,1000,\n301,,,1000\n")).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-02-01", Dr("101", 100), Cr("102", 100));
        await ledger.PostAsync("V1", "2024-03-01", Dr("101", 40), Cr("102", 40));

        var tb = await ledger.TrialBalanceAsync("V1", "2024-03");

        var bank = tb.Lines.Single(l => l.Code == "102");
        (bank.Opening.Yuan, bank.PeriodDebit.Yuan, bank.PeriodCredit.Yuan, bank.YearDebit.Yuan, bank.YearCredit.Yuan, bank.Closing.Yuan)
            .Should().Be((900m, 0m, 40m, 0m, 140m, 860m));
        tb.IsBalanced.Should().BeTrue();
        tb.ClosingDebitTotal.Yuan.Should().Be(1_000);
    }

    [Fact]
    public async Task Ledger_shows_running_balances_between_opening_and_closing()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-02-01", Dr("101", 100), Cr("102", 100));
        await ledger.PostAsync("V1", "2024-03-09", Dr("101", 40), Cr("102", 40));
        await ledger.PostAsync("V1", "2024-03-02", Dr("513", 70), Cr("101", 70));

        var cash = (await ledger.LedgerAsync("V1", "2024-03", "101")).Accounts.Single();

        cash.Opening.Yuan.Should().Be(100);
        cash.Rows.Select(r => (r.Date.Day, r.Balance.Yuan)).Should().Equal((2, 30m), (9, 70m));
        cash.Closing.Yuan.Should().Be(70);
        (cash.YearDebit.Yuan, cash.YearCredit.Yuan).Should().Be((140m, 70m));
        (await ledger.LedgerAsync("V1", "2024-03")).Accounts.Select(a => a.Code).Should().BeEquivalentTo(["101", "102", "513"]);
    }
}
