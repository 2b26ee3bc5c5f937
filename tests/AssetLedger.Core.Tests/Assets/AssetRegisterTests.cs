using AssetLedger.Core.Assets;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Vouchers;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Core.Tests.Assets;

public class AssetRegisterTests
{
    /// <summary>A village with a tractor (生产) and an office computer (管理) bought in 2024-03, and their purchase voucher.</summary>
    private static async Task<TestLedger> VillageWithAssetsAsync(DateTimeOffset? now = null)
    {
        var ledger = await TestLedger.CreateAsync(now);
        await ledger.VillageAsync("V1");
        (await ledger.PostAsync("V1", "2024-03-15", Dr("151", 36_000), Cr("102", 36_000))).ShouldSucceed();
        (await ledger.ImportAssetsAsync("V1", AssetHeader + """
            F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,
            F2,办公电脑,电子设备,2024-03-15,6000,36,0.05,年限平均法,管理,0,,
            """)).ShouldSucceed().Registered.Should().Be(2);
        return ledger;
    }

    [Fact]
    public async Task A_monthly_run_posts_one_voucher_split_by_use_and_running_it_again_changes_nothing()
    {
        await using var ledger = await VillageWithAssetsAsync();

        var first = (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed();
        var before = await ledger.FingerprintAsync();
        var second = (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed();

        first.Assets.Should().Be(2);
        first.Total.Yuan.Should().Be(237.50m + 158.33m);
        second.AlreadyRun.Should().BeTrue();
        second.Voucher!.Value.Id.Should().Be(first.Voucher!.Value.Id);
        (await ledger.FingerprintAsync()).Should().Be(before);
        var lines = (await ledger.JournalAsync("V1", "2024-04")).Entries.Select(e => (e.AccountCode, e.Debit.Yuan, e.Credit.Yuan)).ToList();
        lines.Should().Equal(("401", 237.50m, 0m), ("513", 158.33m, 0m), ("152", 0m, 395.83m));
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty("cards reconcile with 151 and 152");
    }

    [Fact]
    public async Task Nothing_is_depreciated_in_the_month_of_purchase()
    {
        await using var ledger = await VillageWithAssetsAsync();

        var march = (await ledger.DepreciateAsync("V1", "2024-03")).ShouldSucceed();

        march.Voucher.Should().BeNull();
        march.Assets.Should().Be(0);
    }

    [Fact]
    public async Task A_reversed_run_no_longer_counts_and_the_month_can_run_again()
    {
        await using var ledger = await VillageWithAssetsAsync();
        await ledger.DepreciateAsync("V1", "2024-04");

        (await ledger.RunAsync<DepreciationRuns, Outcome<PostedVoucher>>(s =>
            s.ReverseAsync("V1", AccountingPeriod.Of(2024, 4), new DateOnly(2024, 4, 30)))).ShouldSucceed();
        (await ledger.AssetAsync("V1", "F1")).State.Accumulated.Should().Be(0);
        var again = (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed();

        again.AlreadyRun.Should().BeFalse();
        (await ledger.AssetAsync("V1", "F1")).State.Accumulated.Should().Be(237_50);
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task A_whole_life_depreciates_exactly_to_the_residual_value()
    {
        await using var ledger = await VillageWithAssetsAsync(new DateTimeOffset(2028, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        var period = AccountingPeriod.Of(2024, 4);
        for (var i = 0; i < 37; i++, period = period.Next())
        {
            (await ledger.DepreciateAsync("V1", period.ToString())).ShouldSucceed();
        }

        var computer = await ledger.AssetAsync("V1", "F2");
        computer.State.Accumulated.Should().Be(5_700_00, "6,000.00 less its 5% residual");
        computer.State.BookValue.Should().Be(300_00);
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task Disposal_below_book_value_books_the_loss_through_154_and_takes_the_card_off_151_and_152()
    {
        await using var ledger = await VillageWithAssetsAsync();
        await ledger.DepreciateAsync("V1", "2024-04");
        await ledger.DepreciateAsync("V1", "2024-05");
        await ledger.DepreciateAsync("V1", "2024-06");

        var (view, voucher) = (await ledger.RunAsync<AssetRegister, Outcome<(AssetView, PostedVoucher)>>(s =>
            s.DisposeAsync("V1", "F2", new DateOnly(2024, 6, 10), "出售", Money.FromYuan(5_000)))).ShouldSucceed();

        view.State.Disposed.Should().Be(new DateOnly(2024, 6, 10));
        var journal = (await ledger.JournalAsync("V1", "2024-06")).Entries.Where(e => e.VoucherNumber == VoucherNumber.Format(voucher.Number))
            .Select(e => (e.AccountCode, e.Debit.Yuan, e.Credit.Yuan)).ToList();
        journal.Should().Equal(
            ("152", 474.99m, 0m), ("154", 5_525.01m, 0m), ("151", 0m, 6_000m),
            ("102", 5_000m, 0m), ("154", 0m, 5_000m), ("515", 525.01m, 0m), ("154", 0m, 525.01m));
        var events = await ledger.QueryAsync(db => Task.FromResult(db.AssetEvents.Where(e => e.Kind == AssetEventKind.Disposed).ToList()));
        events.Should().ContainSingle().Which.Should().Match<AssetEvent>(e => e.BookValue == 5_525_01 && e.Amount == 5_000_00 && e.VoucherId == voucher.Id);
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty();
        (await ledger.DepreciateAsync("V1", "2024-07")).ShouldSucceed().Assets.Should().Be(1, "the disposed computer is no longer depreciated");
    }

    [Fact]
    public async Task Disposal_above_book_value_books_the_gain_to_504()
    {
        await using var ledger = await VillageWithAssetsAsync();

        var result = (await ledger.RunAsync<AssetRegister, Outcome<(AssetView, PostedVoucher)>>(s =>
            s.DisposeAsync("V1", "F1", new DateOnly(2024, 3, 20), "出售", Money.FromYuan(31_000)))).ShouldSucceed();

        var lines = (await ledger.JournalAsync("V1", "2024-03")).Entries.Where(e => e.VoucherNumber == VoucherNumber.Format(result.Item2.Number));
        lines.Should().Contain(e => e.AccountCode == "504" && e.Credit.Yuan == 1_000m);
    }

    [Fact]
    public async Task A_disposal_waits_for_the_months_depreciation()
    {
        await using var ledger = await VillageWithAssetsAsync();

        var early = await ledger.RunAsync<AssetRegister, Outcome<(AssetView, PostedVoucher)>>(s =>
            s.DisposeAsync("V1", "F1", new DateOnly(2024, 4, 10), "报废", Money.Zero));

        early.ShouldFailWith("asset.depreciation_first").Message.Should().Contain("2024-04");
    }

    [Fact]
    public async Task An_idle_machine_stops_depreciating_from_the_month_after()
    {
        await using var ledger = await VillageWithAssetsAsync();
        (await ledger.RunAsync<AssetRegister, Outcome<AssetView>>(s =>
            s.ChangeStatusAsync("V1", "F1", AssetStatus.Idle, new DateOnly(2024, 4, 30), null, "农闲停用"))).ShouldSucceed();

        (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed().Assets.Should().Be(2, "the status changed on the month's last day");
        (await ledger.DepreciateAsync("V1", "2024-05")).ShouldSucceed().Assets.Should().Be(1);
        (await ledger.AssetAsync("V1", "F1")).State.Status.Should().Be(AssetStatus.Idle);
    }

    [Fact]
    public async Task Leasing_out_needs_the_lessee()
    {
        await using var ledger = await VillageWithAssetsAsync();

        (await ledger.RunAsync<AssetRegister, Outcome<AssetView>>(s =>
            s.ChangeStatusAsync("V1", "F1", AssetStatus.Leased, new DateOnly(2024, 4, 1), null, "出租"))).ShouldFailWith("text.required");
        (await ledger.RunAsync<AssetRegister, Outcome<AssetView>>(s =>
            s.ChangeStatusAsync("V1", "F1", AssetStatus.Leased, new DateOnly(2024, 4, 1), "李四农机合作社", "出租"))).ShouldSucceed()
            .State.Status.Should().Be(AssetStatus.Leased);
    }

    [Fact]
    public async Task Units_method_depreciation_follows_the_recorded_work()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        await ledger.PostAsync("V1", "2024-03-15", Dr("151", 100_000), Cr("102", 100_000));
        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F9,收割机,机器设备,2024-03-15,100000,120,0%,units,production,0,,30000\n")).ShouldSucceed();

        (await ledger.RunAsync<AssetRegister, Outcome<long>>(s => s.RecordUsageAsync("V1", "F9", AccountingPeriod.Of(2024, 4), 3_000))).ShouldSucceed();
        var april = (await ledger.DepreciateAsync("V1", "2024-04")).ShouldSucceed();

        april.Total.Yuan.Should().Be(10_000m);
        (await ledger.RunAsync<AssetRegister, Outcome<long>>(s => s.RecordUsageAsync("V1", "F1", AccountingPeriod.Of(2024, 4), 3))).ShouldFailWith("asset.unknown");
    }

    [Fact]
    public async Task A_bad_asset_file_is_rejected_whole_with_each_error_located()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var before = await ledger.FingerprintAsync();

        var result = await ledger.ImportAssetsAsync("V1", AssetHeader + """
            F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,
            F2,板凳,家具,2024-03-15,300,60,5%,straight_line,management,0,,
            F3,水泵,机器设备,2024-03-15,3000,12,5%,straight_line,production,0,,
            F4,电脑,电子设备,2024-03-15,6000,36,105%,straight_line,management,0,,
            F5,车,交通运输工具,2024-03-15,90000,48,5%,declining,production,0,,
            F6,车,交通运输工具,2024-03-15,90000,48,5%,straight_line,production,99999,,
            F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,
            """);

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        errors.Should().Contain(e => e.StartsWith("line 3, column cost:", StringComparison.Ordinal) && e.Contains("500"));
        errors.Should().Contain(e => e.StartsWith("line 4, column life_months:", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("line 5, column residual_rate:", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("line 6, column method:", StringComparison.Ordinal));
        errors.Should().Contain(e => e.StartsWith("line 7, column accumulated:", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("asset.code_repeated", StringComparison.Ordinal));
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Importing_the_same_cards_again_changes_nothing_and_changed_facts_are_refused()
    {
        await using var ledger = await VillageWithAssetsAsync();

        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,\n"))
            .ShouldSucceed().AlreadyRegistered.Should().Be(1);
        (await ledger.ImportAssetsAsync("V1", AssetHeader + "F1,拖拉机,机器设备,2024-03-15,31000,120,5%,straight_line,production,0,,\n"))
            .ShouldFailWith("asset.code_taken");
    }

    [Fact]
    public async Task Cards_with_no_books_behind_them_are_refused_and_cards_still_to_come_are_reported_by_verify()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        const string tractor = "F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,,\n";

        var refused = await ledger.ImportAssetsAsync("V1", AssetHeader + tractor);
        (await ledger.OpeningAsync("V1", 2024, "account,counterparty,debit,credit\n151,,36000,\n301,,,36000\n")).ShouldSucceed();
        var partial = (await ledger.ImportAssetsAsync("V1", AssetHeader + tractor)).ShouldSucceed();

        refused.ShouldFailWith("asset.not_in_books").Message.Should().Contain("30,000.00 more than account 151");
        partial.CostShort.Yuan.Should().Be(6_000m, "the opening balances hold 36,000 of assets, the card 30,000");
        (await ledger.VerifyAsync()).Findings.Select(f => f.Code).Should().Contain("verify.assets_cost");
    }

    [Fact]
    public async Task A_purchase_is_registered_with_the_voucher_that_books_it()
    {
        await using var ledger = await TestLedger.CreateAsync();
        await ledger.VillageAsync("V1");
        var purchase = (await ledger.PostAsync("V1", "2024-03-15", Dr("151", 30_000), Cr("102", 30_000))).Value;
        const string header = "code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated,origin,voucher\n";

        (await ledger.ImportAssetsAsync("V1", header + "F1,拖拉机,机器设备,2024-03-15,30000,120,5%,straight_line,production,0,购入,2024-03/记-0001\n")).ShouldSucceed();
        (await ledger.ImportAssetsAsync("V1", header + "F2,水泵,机器设备,2024-03-15,3000,120,5%,straight_line,production,0,购入,2024-03/记-0009\n"))
            .ShouldFailWith("voucher.unknown").Location.Should().Be("line 2, column voucher");

        var registered = await ledger.QueryAsync(db => Task.FromResult(db.AssetEvents.Single(e => e.Kind == AssetEventKind.Registered)));
        (registered.Reason, registered.VoucherId).Should().Be(("购入", (long?)purchase.Id));
    }

    [Fact]
    public void Residual_rates_are_read_as_accountants_write_them()
    {
        AssetRegister.ParseRate("5%").Value.Should().Be(500);
        AssetRegister.ParseRate("5.25%").Value.Should().Be(525);
        AssetRegister.ParseRate("0.05").Value.Should().Be(500);
        AssetRegister.ParseRate("0").Value.Should().Be(0);
        AssetRegister.ParseRate("5").ShouldFailWith("asset.rate_invalid");
        AssetRegister.ParseRate("5.125%").ShouldFailWith("asset.rate_invalid");
        AssetRegister.ParseRate("abc").ShouldFailWith("asset.rate_invalid");
    }
}
