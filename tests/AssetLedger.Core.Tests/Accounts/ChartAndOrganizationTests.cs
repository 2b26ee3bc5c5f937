using AssetLedger.Core.Accounts;
using AssetLedger.Core.Organizations;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Accounts;

public class ChartAndOrganizationTests
{
    [Fact]
    public void The_2023_chart_has_its_42_first_level_accounts_and_the_details_of_322()
    {
        var chart = StandardChart.Chart2023;

        chart.Count(a => a.ParentCode is null).Should().Be(42);
        chart.Where(a => a.ParentCode is not null).Select(a => a.Code).Should().Equal("32201", "3220101", "3220102", "3220103", "3220104", "32202");
        chart.Single(a => a.Code == "113").Flags.Should().HaveFlag(AccountFlags.Counterparty).And.HaveFlag(AccountFlags.TwoSided);
        chart.Single(a => a.Code == "152").Flags.Should().HaveFlag(AccountFlags.Contra);
        chart.Where(a => a.Flags.HasFlag(AccountFlags.ClosesTo321)).Select(a => a.Code)
            .Should().Equal("501", "502", "503", "504", "511", "512", "513", "514", "515", "521");
    }

    [Fact]
    public async Task Every_new_village_book_gets_the_standard_chart()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var count = await ledger.ScalarAsync("SELECT COUNT(*) FROM accounts a JOIN books b ON b.id = a.book_id JOIN organizations o ON o.id = b.organization_id WHERE o.code = 'V1' AND a.is_standard");

        count.Should().Be(StandardChart.Chart2023.Count);
    }

    [Fact]
    public async Task A_detail_account_extends_a_standard_code_by_two_digits_and_inherits_its_nature()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        var detail = (await ledger.AddAccountAsync("V1", "11301", "一组")).ShouldSucceed();

        detail.ParentCode.Should().Be("113");
        detail.Flags.Should().HaveFlag(AccountFlags.Counterparty);
        detail.NormalSide.Should().Be(BalanceSide.Debit);
        (await ledger.AddAccountAsync("V1", "11301", "一组")).ShouldSucceed().Id.Should().Be(detail.Id, "adding the same detail again is harmless");
        (await ledger.AddAccountAsync("V1", "11301", "二组")).ShouldFailWith("account.code_taken");
        (await ledger.AddAccountAsync("V1", "112", "应收")).ShouldFailWith("account.code_invalid");
        (await ledger.AddAccountAsync("V1", "3220101", "改名")).ShouldFailWith("account.standard_code");
        (await ledger.AddAccountAsync("V1", "99901", "无上级")).ShouldFailWith("account.parent_unknown");
        (await ledger.AddAccountAsync("V1", "1120A", "x")).ShouldFailWith("account.code_invalid");
    }

    [Fact]
    public async Task A_detail_cannot_be_added_under_an_account_that_already_has_postings()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-01", Dr("112", 5, "张三"), Cr("101", 5));

        (await ledger.AddAccountAsync("V1", "11201", "张三")).ShouldFailWith("account.parent_in_use");
    }

    [Fact]
    public async Task Organizations_form_a_county_township_village_group_tree()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");

        async Task<Outcome<Organization>> Add(string code, OrganizationLevel level, string? parent) =>
            await ledger.RunAsync<OrganizationService, Outcome<Organization>>(s => s.AddAsync(code, code + "名", level, parent));

        (await Add("G1", OrganizationLevel.Group, "V1")).ShouldSucceed();
        (await Add("V9", OrganizationLevel.Village, County)).ShouldFailWith("org.parent_level");
        (await Add("V9", OrganizationLevel.Village, null)).ShouldFailWith("org.parent_required");
        (await Add("V9", OrganizationLevel.Village, "NOPE")).ShouldFailWith("org.unknown");
        (await Add("C9", OrganizationLevel.County, County)).ShouldFailWith("org.parent_unexpected");
        (await Add("bad code!", OrganizationLevel.County, null)).ShouldFailWith("org.code_invalid");
        (await Add(Township, OrganizationLevel.Village, Township)).ShouldFailWith("org.code_taken");
        (await ledger.PostAsync("G1", "2024-03-01", Dr("101", 5), Cr("102", 5))).ShouldSucceed();
        (await ledger.IncomeStatementAsync("V1", "2024-03")).Header.Books.Should().Be(2, "a village's report rolls up its groups' books with its own");
    }
}
