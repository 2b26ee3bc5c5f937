using AssetLedger.Core.Vouchers;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Periods;

/// <summary>
/// The worked example of the domain notes (an exam question on the 2004 chart), restated on the 2023 chart where
/// 发包及上交收入 is part of 经营收入: opening 未分配收益 15,000; 经营收入 40,000 + 55,000, 补助收入 50,000,
/// 其他收入 8,000, 经营支出 25,000, 管理费用 65,000, 其他支出 5,000, 投资收益 18,000 → 经营收益 23,000,
/// 本年收益 76,000, 可分配收益 91,000. We add two distributions to see them flow through the close.
/// </summary>
public class YearEndCloseTests
{
    private static async Task<TestLedger> WorkedExampleAsync()
    {
        var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        (await ledger.OpeningAsync("V1", 2024, """
            account,counterparty,debit,credit
            102,,115000,
            301,,,100000
            32202,,,15000
            """)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-02-10", Dr("102", 40_000), Cr("501", 40_000));
        await ledger.PostAsync("V1", "2024-03-10", Dr("102", 55_000), Cr("501", 55_000, summary: "收到土地发包收入"));
        await ledger.PostAsync("V1", "2024-04-10", Dr("102", 50_000), Cr("503", 50_000));
        await ledger.PostAsync("V1", "2024-05-10", Dr("101", 8_000), Cr("504", 8_000));
        await ledger.PostAsync("V1", "2024-06-10", Dr("511", 25_000), Cr("102", 25_000));
        await ledger.PostAsync("V1", "2024-07-10", Dr("513", 65_000), Cr("102", 65_000));
        await ledger.PostAsync("V1", "2024-08-10", Dr("515", 5_000), Cr("101", 5_000));
        await ledger.PostAsync("V1", "2024-09-10", Dr("102", 18_000), Cr("502", 18_000));
        await ledger.PostAsync("V1", "2024-12-20", Dr("3220101", 9_100), Cr("311", 9_100));
        await ledger.PostAsync("V1", "2024-12-20", Dr("3220102", 30_000), Cr("211", 30_000, "全体成员"));
        return ledger;
    }

    [Fact]
    public async Task Income_statement_follows_the_formulas_line_by_line()
    {
        await using var ledger = await WorkedExampleAsync();

        var s = await ledger.IncomeStatementAsync("V1", "2024-12");

        decimal Ytd(string name) => s[name].Values[1].Yuan;
        Ytd("经营收入").Should().Be(95_000);
        Ytd("投资收益").Should().Be(18_000);
        Ytd("经营支出").Should().Be(25_000);
        Ytd("税金及附加").Should().Be(0);
        Ytd("管理费用").Should().Be(65_000);
        Ytd("经营收益").Should().Be(23_000, "经营收益 = 501 + 502 − 511 − 512 − 513");
        Ytd("补助收入").Should().Be(50_000);
        Ytd("其他收入").Should().Be(8_000);
        Ytd("公益支出").Should().Be(0);
        Ytd("其他支出").Should().Be(5_000);
        Ytd("收益总额").Should().Be(76_000, "收益总额 = 经营收益 + 503 + 504 − 514 − 515");
        Ytd("所得税费用").Should().Be(0);
        Ytd("本年收益").Should().Be(76_000, "本年收益 = 收益总额 − 521");
        Ytd("年初未分配收益").Should().Be(15_000);
        Ytd("其他转入").Should().Be(0);
        Ytd("可分配收益").Should().Be(91_000, "可分配收益 = 本年收益 + 年初未分配收益 + 其他转入");
        Ytd("提取公积公益金").Should().Be(9_100);
        Ytd("向成员分配").Should().Be(30_000);
        Ytd("年末未分配收益").Should().Be(51_900, "年末未分配收益 = 可分配收益 − 各项分配");
        s["经营收入"].Values[0].Yuan.Should().Be(0, "nothing was earned in December itself");
        s["年初未分配收益"].Values[0].Yuan.Should().Be(0, "the balance at 1 January belongs to the year's column");
        s["年末未分配收益"].Values[0].Yuan.Should().Be(-39_100, "the month's column shows December's movement: the two distributions");
        (await ledger.IncomeStatementAsync("V1", "2024-03"))["经营收入"].Values.Select(v => v.Yuan).Should().Equal(55_000m, 95_000m);
    }

    [Fact]
    public async Task Year_end_close_zeroes_income_into_undistributed_and_closes_every_month()
    {
        await using var ledger = await WorkedExampleAsync();

        var result = (await ledger.CloseYearAsync("V1", 2024)).ShouldSucceed();

        result.ClosingVouchers.Should().HaveCount(2);
        result.ClosingVouchers.Should().OnlyContain(v => v.Period.Key == 202412);
        result.ClosedMonths.Should().HaveCount(12);
        var tb = await ledger.TrialBalanceAsync("V1", "2024-12");
        tb.Lines.Where(l => l.Code.StartsWith('5') || l.Code == "321" || l.Code.StartsWith("32201", StringComparison.Ordinal))
            .Should().OnlyContain(l => l.Closing.IsZero);
        tb.Lines.Single(l => l.Code == "32202").Closing.Yuan.Should().Be(-51_900);
        var kinds = await ledger.QueryAsync(db => Task.FromResult(db.Vouchers.Where(v => v.Kind == VoucherKind.YearEndClose).Select(v => v.Date).ToList()));
        kinds.Should().OnlyContain(d => d == new DateOnly(2024, 12, 31));
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }

    [Fact]
    public async Task After_the_close_the_income_statement_still_shows_the_year_and_the_balance_sheet_its_result()
    {
        await using var ledger = await WorkedExampleAsync();
        var before = await ledger.IncomeStatementAsync("V1", "2024-12");
        var sheetBefore = await ledger.BalanceSheetAsync("V1", "2024-12");

        await ledger.CloseYearAsync("V1", 2024);

        var after = await ledger.IncomeStatementAsync("V1", "2024-12");
        after.Lines.Select(l => (l.Name, l.Values[1])).Should().Equal(before.Lines.Select(l => (l.Name, l.Values[1])),
            "closing vouchers are not income or spending");
        var sheet = await ledger.BalanceSheetAsync("V1", "2024-12");
        sheet["未分配收益"].Values[1].Yuan.Should().Be(51_900);
        sheet["未分配收益"].Values[0].Yuan.Should().Be(15_000, "年初数 is the balance at 1 January");
        sheet["未分配收益"].Values[1].Should().Be(sheetBefore["未分配收益"].Values[1],
            "before the close the year's unclosed result is shown in 未分配收益 already");
        sheet["未分配收益"].Values[1].Should().Be(after["年末未分配收益"].Values[1]);
        sheet["资产总计"].Values.Should().Equal(sheet["负债和所有者权益总计"].Values);
    }

    [Fact]
    public async Task The_next_year_opens_with_the_closed_result()
    {
        await using var ledger = await WorkedExampleAsync();
        await ledger.CloseYearAsync("V1", 2024);

        await ledger.PostAsync("V1", "2025-01-08", Dr("102", 1_000), Cr("501", 1_000));

        var s = await ledger.IncomeStatementAsync("V1", "2025-01");
        s["年初未分配收益"].Values[1].Yuan.Should().Be(51_900);
        s["经营收入"].Values[1].Yuan.Should().Be(1_000);
        s["年末未分配收益"].Values[1].Yuan.Should().Be(52_900);
        var tb = await ledger.TrialBalanceAsync("V1", "2025-01");
        tb.Lines.Single(l => l.Code == "501").YearCredit.Yuan.Should().Be(1_000, "a new year's activity starts from zero");
    }

    [Fact]
    public async Task Closing_a_closed_year_again_changes_nothing()
    {
        await using var ledger = await WorkedExampleAsync();
        await ledger.CloseYearAsync("V1", 2024);
        var before = await ledger.FingerprintAsync();

        var again = (await ledger.CloseYearAsync("V1", 2024)).ShouldSucceed();

        again.AlreadyClosed.Should().BeTrue();
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_reopened_year_can_take_a_late_entry_and_be_closed_again()
    {
        await using var ledger = await WorkedExampleAsync();
        await ledger.CloseYearAsync("V1", 2024);
        (await ledger.ReopenAsync("V1", "2024-12", "审计调整：补记管理费用")).ShouldSucceed();

        (await ledger.PostAsync("V1", "2024-12-31", Dr("513", 900), Cr("101", 900))).ShouldSucceed();
        var second = (await ledger.CloseYearAsync("V1", 2024)).ShouldSucceed();

        second.ClosingVouchers.Should().HaveCount(2);
        second.ClosedMonths.Should().Equal([Core.Periods.AccountingPeriod.Of(2024, 12)]);
        (await ledger.BalanceSheetAsync("V1", "2024-12"))["未分配收益"].Values[1].Yuan.Should().Be(51_000);
        (await ledger.IncomeStatementAsync("V1", "2024-12"))["管理费用"].Values[1].Yuan.Should().Be(65_900);
        (await ledger.VerifyAsync()).Passed.Should().BeTrue();
    }

    [Fact]
    public async Task A_loss_is_carried_to_undistributed_as_a_debit()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-05-10", Dr("513", 700), Cr("101", 700));
        await ledger.PostAsync("V1", "2024-05-11", Dr("101", 200), Cr("504", 200));

        (await ledger.CloseYearAsync("V1", 2024)).ShouldSucceed();

        (await ledger.TrialBalanceAsync("V1", "2024-12")).Lines.Single(l => l.Code == "32202").Closing.Yuan.Should().Be(500);
        (await ledger.BalanceSheetAsync("V1", "2024-12"))["未分配收益"].Values[1].Yuan.Should().Be(-500);
    }

    [Fact]
    public async Task December_closed_by_hand_with_income_left_is_reported_not_papered_over()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-12-10", Dr("102", 700), Cr("501", 700));
        await ledger.CloseAsync("V1", "2024-12");

        (await ledger.CloseYearAsync("V1", 2024)).ShouldFailWith("year.december_closed");
    }

    [Fact]
    public async Task A_year_that_has_not_ended_cannot_be_closed()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2026-01-10", Dr("102", 700), Cr("501", 700));

        (await ledger.CloseYearAsync("V1", 2026)).Succeeded.Should().BeFalse();
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM vouchers")).Should().Be(1, "a failed close leaves no closing voucher behind");
    }
}
