using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Core.Tests.Support.TestLedger;

namespace AssetLedger.Rules.Tests;

public class LargeTransactionTests
{
    [Fact]
    public async Task Fires_from_the_first_tier_and_not_one_fen_below()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 4_999.99m), Cr("102", 4_999.99m));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 5_000m), Cr("102", 5_000m));

        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Should().Match<Alert>(a => a.RuleId == "LARGE_TXN" && a.Amount == 5_000_00 && a.Severity == Severity.Warning);
        run.Raised[0].Explanation.Should().Contain("未关联").And.Contain("2024-03/记-0002");
    }

    [Fact]
    public async Task A_linked_resolution_lowers_the_severity_and_the_top_tier_without_one_is_critical()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", new VoucherDraft("A", new DateOnly(2024, 3, 5), [Dr("511", 60_000), Cr("102", 60_000)], "决议2024-01"));
        await ledger.PostAsync("V1", new VoucherDraft("B", new DateOnly(2024, 3, 6), [Dr("511", 60_000), Cr("102", 60_000)]));

        var run = await ledger.RunRulesAsync();

        run.Raised.Select(a => a.Severity).Should().Equal(Severity.Serious, Severity.Critical);
        run.Raised[0].Explanation.Should().Contain("即时公开");
    }

    [Fact]
    public async Task The_same_voucher_never_raises_two_alerts_and_a_run_reads_only_what_is_new()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        (await ledger.RunRulesAsync()).Raised.Should().HaveCount(1);

        var again = await ledger.RunRulesAsync();
        await ledger.PostAsync("V1", "2024-03-07", Dr("513", 9_000), Cr("102", 9_000));
        var next = await ledger.RunRulesAsync();

        again.Raised.Should().BeEmpty();
        again.VouchersRead.Should().Be(0);
        next.VouchersRead.Should().Be(1);
        (await ledger.AlertsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Village_settings_beat_township_settings_which_beat_the_county_defaults()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.VillageAsync("V2");
        (await ledger.SetRuleAsync(TestLedger.Township, "LARGE_TXN", "tier1", 10_000)).ShouldSucceed();
        (await ledger.SetRuleAsync("V2", "LARGE_TXN", "tier1", 3_000)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 6_000), Cr("102", 6_000));
        await ledger.PostAsync("V2", "2024-03-05", Dr("513", 4_000), Cr("102", 4_000));

        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Amount.Should().Be(4_000_00, "V1 follows the township's 10,000; V2 its own 3,000");
        run.Raised[0].Parameters.Should().Contain("\"tier1\":3000");
        (await ledger.SetRuleAsync("V2", "LARGE_TXN", "tier9", 1)).ShouldFailWith("rule.parameter_unknown");
        (await ledger.SetRuleAsync("V2", "NO_SUCH_RULE", "tier1", 1)).ShouldFailWith("rule.unknown");
    }

    [Fact]
    public async Task A_reversal_resolves_the_alert_of_the_voucher_it_reverses()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.RunRulesAsync();

        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");
        var run = await ledger.RunRulesAsync();

        run.Resolved.Should().Be(1);
        run.Raised.Should().BeEmpty("a reversal is not itself a large transaction");
        (await ledger.AlertsAsync()).Single().State.Should().Be(AlertState.Resolved);
    }
}

public class CashAndOneMatterTests
{
    [Fact]
    public async Task Cash_over_the_limit_at_the_end_of_a_day_fires_and_exactly_the_limit_does_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 5_000), Cr("504", 5_000));
        (await ledger.RunRulesAsync()).Raised.Should().NotContain(a => a.RuleId == "CASH_OVER_LIMIT", "exactly the limit is allowed");

        await ledger.PostAsync("V1", "2024-03-06", Dr("101", 0.01m), Cr("504", 0.01m));
        var run = await ledger.RunRulesAsync();

        run.Raised.Should().ContainSingle().Which.Should().Match<Alert>(a => a.RuleId == "CASH_OVER_LIMIT" && a.Amount == 5_000_01 && a.Window == "2024-03-06");
    }

    [Fact]
    public async Task Cash_at_the_end_of_each_touched_day_carries_each_months_opening_across_runs()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 4_000), Cr("504", 4_000));
        await ledger.RunRulesAsync();

        await ledger.PostAsync("V1", "2024-04-01", Dr("101", 2_500), Cr("504", 2_500));
        await ledger.PostAsync("V1", "2024-03-31", Dr("513", 1_000), Cr("101", 1_000));
        var run = await ledger.RunRulesAsync();

        var cash = run.Raised.Where(a => a.RuleId == "CASH_OVER_LIMIT").ToList();
        cash.Should().ContainSingle("3,000 at the end of March is under the limit").Which.Should()
            .Match<Alert>(a => a.OccurredOn == new DateOnly(2024, 4, 1) && a.Amount == 5_500_00, "April opens with March's 3,000 and adds 2,500");
    }

    [Fact]
    public async Task Negative_cash_is_serious()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 30), Cr("101", 30));

        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle().Which.Severity.Should().Be(Severity.Serious);
    }

    [Fact]
    public async Task A_debit_balance_on_231_is_an_overspend()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("102", 2_000), Cr("231", 2_000));
        (await ledger.RunRulesAsync()).Raised.Should().BeEmpty();

        await ledger.PostAsync("V1", "2024-03-20", Dr("231", 2_500), Cr("102", 2_500));

        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle(a => a.RuleId == "ONE_MATTER_OVERSPEND").Which.Amount.Should().Be(500_00);
    }
}

public class AssetChangeTests
{
    [Fact]
    public async Task A_disposal_below_book_value_is_serious_and_each_event_is_seen_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-15", Dr("151", 30_000), Cr("102", 30_000));
        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,\n")).ShouldSucceed();
        var first = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        (await ledger.RunAsync<AssetRegister, Outcome<(AssetView, PostedVoucher)>>(s =>
            s.DisposeAsync("V1", "F1", new DateOnly(2024, 3, 20), "出售", Money.FromYuan(10_000)))).ShouldSucceed();
        var second = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        first.Raised.Select(a => a.RuleId).Should().BeEquivalentTo(["LARGE_TXN", "ASSET_CHANGE"], "the purchase moved 30,000 and added an asset");
        var disposal = second.Raised.Single(a => a.RuleId == "ASSET_CHANGE");
        disposal.Severity.Should().Be(Severity.Serious);
        disposal.Explanation.Should().Contain("低于账面价值");
        disposal.Evidence.Should().Contain("\"bookValue\":3000000");
    }
}

public class LoanOutTests
{
    [Fact]
    public async Task Money_paid_into_a_receivable_from_an_outside_party_is_a_loan_out_and_a_sale_on_credit_or_a_members_advance_is_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 3_000, "邻村合作社"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("112", 8_000, "李四建材"), Cr("501", 8_000));
        await ledger.PostAsync("V1", "2024-03-07", Dr("113", 500, "张三"), Cr("101", 500));

        var run = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        var loan = run.Raised.Should().ContainSingle(a => a.RuleId == "LOAN_OUT").Which;
        loan.Should().Match<Alert>(a => a.Amount == 3_000_00 && a.Severity == Severity.Serious);
        loan.Explanation.Should().Contain("应收款—邻村合作社").And.Contain("不得对外出借");
    }

    [Fact]
    public async Task A_township_threshold_lets_small_deposits_pass_and_a_reversal_resolves_the_alert()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.SetRuleAsync("T1", "LOAN_OUT", "threshold", 1_000)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 999.99m, "电力公司"), Cr("101", 999.99m));
        await ledger.PostAsync("V1", "2024-03-06", Dr("112", 1_000, "邻村合作社"), Cr("102", 1_000));
        var raised = (await ledger.RunRulesAsync()).Raised.Where(a => a.RuleId == "LOAN_OUT").ToList();

        await ledger.ReverseAsync("V1", "记-0002", "2024-03-20");
        var reversal = await ledger.RunRulesAsync();

        raised.Should().ContainSingle().Which.Amount.Should().Be(1_000_00, "999.99 is under the township's threshold");
        reversal.Resolved.Should().Be(1);
    }
}

public class CashReceiptLateTests
{
    private static async Task<IEnumerable<Alert>> LateAsOf(TestLedger ledger, int month, int day) =>
        (await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: new DateOnly(2024, month, day))).Raised.Where(a => a.RuleId == "CASH_RECEIPT_LATE");

    [Fact]
    public async Task Cash_still_in_hand_after_three_days_is_late_the_day_after_and_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 1_000), Cr("504", 1_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("101", 600), Cr("504", 600));
        await ledger.PostAsync("V1", "2024-03-08", Dr("102", 600), Cr("101", 600));

        var onTheLastDay = await LateAsOf(ledger, 3, 8);
        var dayAfter = await LateAsOf(ledger, 3, 9);
        var later = await LateAsOf(ledger, 3, 12);

        onTheLastDay.Should().BeEmpty("the 5th's cash may stay through the 8th");
        dayAfter.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Amount == 1_000_00 && a.OccurredOn == new DateOnly(2024, 3, 8),
            "the 600 deposited on the 8th was the 6th's, the latest cash in");
        later.Should().BeEmpty("raised once");
    }

    [Fact]
    public async Task Cash_never_stays_over_a_month_end_and_a_standing_float_or_cash_drawn_from_the_bank_is_not_a_receipt()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-01-10", Dr("101", 2_000), Cr("504", 2_000));
        await ledger.PostAsync("V1", "2024-03-05", Dr("101", 1_000), Cr("504", 1_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("102", 1_000), Cr("101", 1_000));
        await ledger.PostAsync("V1", "2024-03-20", Dr("101", 3_000), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-30", Dr("101", 400), Cr("504", 400));

        var late = await LateAsOf(ledger, 4, 1);

        late.Should().ContainSingle("the 2,000 float and the 3,000 drawn from the bank are not receipts; the 5th's 1,000 was deposited the next day")
            .Which.Should().Match<Alert>(a => a.Amount == 400_00 && a.OccurredOn == new DateOnly(2024, 3, 31), "the 30th's cash had to reach the bank by the month end");
    }
}

public class DepreciationDueTests
{
    [Fact]
    public async Task From_a_months_last_day_its_unrun_depreciation_is_proposed_once_and_a_standing_run_is_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F1,办公桌,家具,2025-10-10,12000,120,0%,straight_line,management,0,,\n")).ShouldSucceed();

        var dayBefore = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: new DateOnly(2025, 11, 29));
        var monthEnd = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: new DateOnly(2025, 11, 30));
        var nextDay = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: new DateOnly(2025, 12, 1));
        (await ledger.DepreciateAsync("V1", "2025-11")).ShouldSucceed();
        (await ledger.DepreciateAsync("V1", "2025-12")).ShouldSucceed();
        var afterRuns = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: new DateOnly(2025, 12, 31));

        dayBefore.Raised.Should().NotContain(a => a.RuleId == "DEPRECIATION_DUE", "an asset acquired in October depreciates from November");
        var proposal = monthEnd.Raised.Should().ContainSingle(a => a.RuleId == "DEPRECIATION_DUE").Which;
        proposal.Amount.Should().Be(100_00, "12,000 over 120 months");
        proposal.Severity.Should().Be(Severity.Info);
        proposal.Explanation.Should().Contain("2025年11月应计提固定资产折旧100.00元").And.Contain("借513 100.00元");
        proposal.Evidence.Should().Contain("\"code\":\"F1\"");
        nextDay.Raised.Should().NotContain(a => a.RuleId == "DEPRECIATION_DUE", "November's proposal was made already");
        afterRuns.Raised.Should().NotContain(a => a.RuleId == "DEPRECIATION_DUE", "December's run stands");
    }
}

public class AlertLifecycleTests
{
    [Fact]
    public async Task Alerts_move_from_open_to_acknowledged_to_resolved_with_who_and_why()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        var alert = (await ledger.RunRulesAsync()).Raised.Single();

        Task<Outcome<Alert>> Move(AlertState to, string comment) => ledger.RunAsync<AlertService, Outcome<Alert>>(s => s.MoveAsync(alert.Id, to, comment));

        (await Move(AlertState.Acknowledged, " ")).ShouldFailWith("text.required");
        (await Move(AlertState.Acknowledged, "已联系报账员")).ShouldSucceed().State.Should().Be(AlertState.Acknowledged);
        (await Move(AlertState.Resolved, "补齐村民代表会议决议")).ShouldSucceed();
        (await Move(AlertState.Dismissed, "重复")).ShouldFailWith("alert.transition_invalid");
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM alert_transitions WHERE actor = 'tester'")).Should().Be(2);
    }
}

public class DateDrivenAndResourceRuleTests
{
    private static async Task<Core.Common.Outcome<Engine.RunReport>> RunAsOf(TestLedger ledger, string date) =>
        await ledger.RunAsync<Engine.RuleEngine, Outcome<Engine.RunReport>>(e => e.RunAsync(null, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Rent_past_due_and_unpaid_is_overdue_once()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        var onTheDueDate = (await RunAsOf(ledger, "2024-03-01")).ShouldSucceed();
        var dayAfter = (await RunAsOf(ledger, "2024-03-02")).ShouldSucceed();
        var again = (await RunAsOf(ledger, "2024-03-03")).ShouldSucceed();

        onTheDueDate.Raised.Should().NotContain(a => a.RuleId == "RENT_OVERDUE", "on its due date an installment is not yet overdue");
        dayAfter.Raised.Should().ContainSingle(a => a.RuleId == "RENT_OVERDUE").Which.Amount.Should().Be(10_000_00);
        again.Raised.Should().NotContain(a => a.RuleId == "RENT_OVERDUE", "the same installment never raises two alerts");
    }

    [Fact]
    public async Task A_contract_within_ninety_days_of_its_end_is_flagged_and_not_before()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));

        (await RunAsOf(ledger, "2025-11-29")).ShouldSucceed().Raised.Should().NotContain(a => a.RuleId == "CONTRACT_EXPIRING", "91 days before the end");
        var inside = (await RunAsOf(ledger, "2025-11-30")).ShouldSucceed();

        inside.Raised.Should().ContainSingle(a => a.RuleId == "CONTRACT_EXPIRING").Which.Explanation.Should().Contain("还有90天");
    }

    [Fact]
    public async Task A_resource_leased_out_is_a_resource_change()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        await RunAsOf(ledger, "2024-01-01");

        (await ledger.RunAsync<Core.Resources.ResourceRegister, Outcome<Core.Resources.ResourceView>>(s => s.ChangeAsync("V1", "R1", new DateOnly(2025, 3, 1),
            new Core.Resources.ResourceChange(Mode: Core.Resources.OperatingMode.Leased, Operator: "张三"), "决议2025-02"))).ShouldSucceed();
        var run = (await RunAsOf(ledger, "2024-01-01")).ShouldSucceed();

        run.Raised.Where(a => a.RuleId == "RESOURCE_CHANGE").Select(a => a.Explanation).Should().HaveCount(2)
            .And.Contain(e => e.Contains("经营方式由自营变为出租"))
            .And.Contain(e => e.Contains("经营者由集体变为张三"));
    }
}

public class RuleEngineTests
{
    [Fact]
    public async Task A_full_run_reads_everything_again_and_raises_only_what_was_not_raised_before()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 4_000), Cr("102", 4_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 6_000), Cr("102", 6_000));
        (await ledger.RunRulesAsync()).Raised.Should().ContainSingle();
        (await ledger.SetRuleAsync("V1", "LARGE_TXN", "tier1", 3_000)).ShouldSucceed();

        var incremental = await ledger.RunRulesAsync();
        var full = await ledger.RunRulesAsync(full: true);
        var fullAgain = await ledger.RunRulesAsync(full: true);

        incremental.VouchersRead.Should().Be(0, "nothing new was posted");
        full.VouchersRead.Should().Be(2);
        full.Raised.Should().ContainSingle().Which.Amount.Should().Be(4_000_00, "the 6,000 voucher raised its alert already");
        fullAgain.Raised.Should().BeEmpty();
    }

    [Fact]
    public async Task A_run_that_fails_before_its_commit_leaves_no_alert_and_the_next_run_raises_it_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.RunAsync<Notifications.SubscriberService, Outcome<Notifications.Subscriber>>(s => s.AddAsync("wang.wu@example.cn", "T1", null, null, null))).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        // The crash: the database refuses the watermark, the last write of the run, after the alerts were added.
        await ledger.ExecuteSqlAsync(ledger.Database.Dialect(
            "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;",
            "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$; "
            + "CREATE TRIGGER crash BEFORE INSERT ON rule_watermarks FOR EACH ROW EXECUTE FUNCTION crash();"));

        var crashed = () => ledger.RunRulesAsync();

        await crashed.Should().ThrowAsync<Microsoft.EntityFrameworkCore.DbUpdateException>();
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM payment_index")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM notifications")).Should().Be(0, "the outbox is written with the alerts, or not at all");
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(0);

        await ledger.ExecuteSqlAsync(ledger.Database.Dialect("DROP TRIGGER crash;", "DROP TRIGGER crash ON rule_watermarks;"));
        var retried = await ledger.RunRulesAsync();
        var again = await ledger.RunRulesAsync();

        retried.Raised.Should().ContainSingle().Which.RuleId.Should().Be("LARGE_TXN");
        again.Raised.Should().BeEmpty();
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(1);
        (await ledger.ScalarAsync("SELECT count(*) FROM notifications")).Should().Be(1);
    }
}

public class SplitPaymentTests
{
    private static async Task<IReadOnlyList<Alert>> SplitAlertsAsync(TestLedger ledger) =>
        (await ledger.RunRulesAsync()).Raised.Where(a => a.RuleId == "SPLIT_PAYMENT").ToList();

    [Fact]
    public async Task Payments_under_the_threshold_that_together_reach_it_within_the_days_raise_one_alert()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-01", Dr("511", 2_000, "李四建材"), Cr("102", 2_000));
        await ledger.PostAsync("V1", "2024-03-10", Dr("511", 2_999.99m, "李四建材"), Cr("102", 2_999.99m));
        var below = await SplitAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-20", Dr("511", 0.01m, "李四建材"), Cr("102", 0.01m));
        var crossed = await SplitAlertsAsync(ledger);
        await ledger.PostAsync("V1", "2024-03-25", Dr("511", 1_000, "李四建材"), Cr("102", 1_000));
        var later = await SplitAlertsAsync(ledger);

        below.Should().BeEmpty("4,999.99 is one fen short");
        crossed.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Amount == 5_000_00 && a.Severity == Severity.Warning);
        crossed[0].Explanation.Should().Contain("李四建材").And.Contain("3笔").And.Contain("2024-03/记-0003");
        crossed[0].Evidence.Should().Contain("2024-03/记-0001", "the earlier payments, read in earlier runs, are the evidence too");
        later.Should().BeEmpty("the stretch already raised its alert");
    }

    [Fact]
    public async Task Payments_apart_by_more_than_the_days_large_payments_reversed_ones_and_other_payees_do_not_add_up()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.SetRuleAsync("V1", "SPLIT_PAYMENT", "days", 10)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-01", Dr("511", 3_000, "李四建材"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-11", Dr("511", 3_000, "李四建材"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-03-12", Dr("511", 6_000, "李四建材"), Cr("102", 6_000));
        await ledger.PostAsync("V1", "2024-03-13", Dr("511", 1_500, "李四建材"), Cr("102", 1_500));
        await ledger.ReverseAsync("V1", "记-0004", "2024-03-14");
        await ledger.PostAsync("V1", "2024-03-15", Dr("511", 3_000, "王五农资"), Cr("102", 3_000));

        (await SplitAlertsAsync(ledger)).Should().BeEmpty();

        await ledger.PostAsync("V1", "2024-03-16", Dr("511", 2_000, "李四建材"), Cr("102", 2_000));
        (await SplitAlertsAsync(ledger)).Should().ContainSingle().Which.Amount.Should().Be(5_000_00, "3,000 on the 11th and 2,000 on the 16th");
    }
}

public class BacktestTests
{
    [Fact]
    public async Task A_backtest_shows_what_proposed_parameters_would_have_raised_in_the_range_and_saves_nothing()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-02-28", Dr("513", 9_000), Cr("102", 9_000));
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 6_000), Cr("102", 6_000));
        await ledger.PostAsync("V1", "2024-03-06", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.PostAsync("V1", "2024-04-01", Dr("513", 9_000), Cr("102", 9_000));

        var result = await ledger.RunAsync<RuleEngine, Outcome<IReadOnlyList<BacktestFinding>>>(e => e.BacktestAsync(
            Township, "LARGE_TXN", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), new Dictionary<string, decimal> { ["tier1"] = 8_000 }));

        result.ShouldSucceed().Should().ContainSingle().Which.Should().Match<BacktestFinding>(f => f.OrgCode == "V1" && f.Finding.Amount == 8_000_00);
        (await ledger.ScalarAsync("SELECT count(*) FROM alerts")).Should().Be(0);
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(0);
        (await ledger.RunRulesAsync()).Raised.Count(a => a.RuleId == "LARGE_TXN").Should().Be(4, "the run still reads everything, with the parameters in force");
    }

    [Fact]
    public async Task A_backtest_refuses_an_unknown_rule_or_parameter_and_a_reversed_range()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        Task<Outcome<IReadOnlyList<BacktestFinding>>> Backtest(string rule, string parameter, int toDay) =>
            ledger.RunAsync<RuleEngine, Outcome<IReadOnlyList<BacktestFinding>>>(e => e.BacktestAsync(
                "V1", rule, new DateOnly(2024, 3, 10), new DateOnly(2024, 3, toDay), new Dictionary<string, decimal> { [parameter] = 1 }));

        (await Backtest("NO_SUCH_RULE", "tier1", 31)).ShouldFailWith("rule.unknown");
        (await Backtest("LARGE_TXN", "tier9", 31)).ShouldFailWith("rule.parameter_unknown").Message.Should().Contain("tier1");
        (await Backtest("LARGE_TXN", "tier1", 9)).ShouldFailWith("backtest.range_invalid");
    }
}

public class StaleBalanceTests
{
    private static async Task<IReadOnlyList<Alert>> StaleAsOfAsync(TestLedger ledger, int year, int month, int day) =>
        (await ledger.RunAsync<RuleEngine, Outcome<RunReport>>(e => e.RunAsync(null, new DateOnly(year, month, day)))).ShouldSucceed()
            .Raised.Where(a => a.RuleId == "STALE_BALANCE").ToList();

    [Fact]
    public async Task A_counterparty_balance_unmoved_for_more_than_twelve_months_is_flagged_once()
    {
        await using var ledger = await RulesTestLedger.CreateAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await ledger.PostAsync("V1", "2024-01-10", Dr("112", 3_000, "张三"), Cr("102", 3_000));
        await ledger.PostAsync("V1", "2024-01-11", Dr("112", 2_000, "李四"), Cr("102", 2_000));
        await ledger.PostAsync("V1", "2024-06-11", Dr("102", 2_000), Cr("112", 2_000, "李四"));

        var twelve = await StaleAsOfAsync(ledger, 2025, 1, 31);
        var thirteen = await StaleAsOfAsync(ledger, 2025, 2, 1);
        var later = await StaleAsOfAsync(ledger, 2025, 5, 1);

        twelve.Should().BeEmpty("twelve months is not more than twelve");
        thirteen.Should().ContainSingle().Which.Should().Match<Alert>(a => a.Amount == 3_000_00 && a.Explanation.Contains("张三") && a.Explanation.Contains("2024年1月"));
        later.Should().BeEmpty("the same balance, unmoved since the same month, raised its alert already; 李四 is settled");
    }

    [Fact]
    public async Task A_township_can_shorten_the_months_and_a_balance_that_moves_starts_over()
    {
        await using var ledger = await RulesTestLedger.CreateAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        (await ledger.SetRuleAsync(Township, "STALE_BALANCE", "months", 6)).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-01-10", Dr("102", 5_000), Cr("211", 5_000, "王五"));

        var first = await StaleAsOfAsync(ledger, 2024, 8, 1);
        await ledger.PostAsync("V1", "2024-09-10", Dr("211", 1_000, "王五"), Cr("102", 1_000));
        var afterPayment = await StaleAsOfAsync(ledger, 2024, 12, 1);
        var staleAgain = await StaleAsOfAsync(ledger, 2025, 4, 1);

        first.Should().ContainSingle().Which.Amount.Should().Be(5_000_00);
        afterPayment.Should().BeEmpty();
        staleAgain.Should().ContainSingle().Which.Amount.Should().Be(4_000_00);
    }
}

public class EvaluationTests
{
    [Fact]
    public async Task A_reversal_read_in_the_same_run_as_its_voucher_resolves_the_alert_that_run_raises()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.ReverseAsync("V1", "记-0001", "2024-03-20");

        var run = await ledger.RunRulesAsync();

        run.Resolved.Should().Be(1);
        run.Raised.Should().ContainSingle().Which.State.Should().Be(AlertState.Resolved);
        (await ledger.AlertsAsync()).Single().State.Should().Be(AlertState.Resolved);
    }

    [Fact]
    public async Task The_frequent_run_leaves_the_calendar_rules_to_the_daily_checks_which_move_no_watermark()
    {
        await using var ledger = await RulesTestLedger.VillageWithContractAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        var expiring = new DateOnly(2025, 12, 31);

        var daily = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: expiring);
        var frequent = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries, asOf: expiring);
        var frequentAgain = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries, asOf: expiring);
        var dailyAgain = await ledger.RunRulesAsync(evaluation: Evaluation.Calendar, asOf: expiring);

        daily.Raised.Select(a => a.RuleId).Should().Contain("CONTRACT_EXPIRING").And.NotContain("LARGE_TXN");
        daily.VouchersRead.Should().Be(0);
        frequent.Raised.Select(a => a.RuleId).Should().Equal(["LARGE_TXN"], "the voucher is still new to the frequent run after the daily one");
        frequentAgain.VouchersRead.Should().Be(0);
        dailyAgain.Raised.Should().BeEmpty("the same day's checks raise nothing twice");
    }

    [Fact]
    public async Task A_run_reads_only_the_books_with_new_entries_and_moves_every_watermark_to_the_head()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        await ledger.VillageAsync("V2");
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.RunRulesAsync();
        await ledger.PostAsync("V2", "2024-03-06", Dr("513", 9_000), Cr("102", 9_000));

        var run = await ledger.RunRulesAsync(evaluation: Evaluation.NewEntries);

        run.VouchersRead.Should().Be(1, "V1 has nothing new; only V2's voucher is read");
        run.Raised.Should().ContainSingle().Which.Amount.Should().Be(9_000_00);
        (await ledger.ScalarAsync("SELECT count(DISTINCT last_voucher_id) FROM rule_watermarks")).Should().Be(1, "both books were read up to the same head");
        (await ledger.ScalarAsync("SELECT count(*) FROM rule_watermarks")).Should().Be(2);
    }
}
