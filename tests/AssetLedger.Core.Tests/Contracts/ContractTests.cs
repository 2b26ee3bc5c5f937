using System.Text;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;

namespace AssetLedger.Core.Tests.Contracts;

public class InstallmentScheduleTests
{
    private static Contract Terms(string start, string end, long annualFen, PaymentTerms payment = PaymentTerms.AnnualInAdvance, int perYear = 1) => new()
    {
        Number = "C1", Counterparty = "张三", Subjects = "R1", AnnualAmount = annualFen, Payment = payment,
        InstallmentsPerYear = payment == PaymentTerms.LumpSum ? 0 : perYear,
        Start = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), End = DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Monthly_installments_from_the_31st_of_January_fall_on_29_February_in_a_leap_year_then_31_March()
    {
        var schedule = InstallmentSchedule.For(Terms("2024-01-31", "2025-01-30", 12_000_00, PaymentTerms.Installments, 12));

        schedule.Take(4).Select(s => (s.CoversFrom, s.CoversTo, s.Due)).Should().Equal(
            (new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 28), new DateOnly(2024, 1, 31)),
            (new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 30), new DateOnly(2024, 2, 29)),
            (new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 29), new DateOnly(2024, 3, 31)),
            (new DateOnly(2024, 4, 30), new DateOnly(2024, 5, 30), new DateOnly(2024, 4, 30)));
        schedule.Should().HaveCount(12);
        schedule.Sum(s => s.Amount).Should().Be(12_000_00);
    }

    [Fact]
    public void A_contract_from_29_February_pays_on_28_February_in_common_years()
    {
        var schedule = InstallmentSchedule.For(Terms("2024-02-29", "2027-02-27", 10_000_00));

        schedule.Select(s => s.Due).Should().Equal(new DateOnly(2024, 2, 29), new DateOnly(2025, 2, 28), new DateOnly(2026, 2, 28));
    }

    [Fact]
    public void Annual_payment_in_advance_charges_a_short_last_year_for_its_months()
    {
        var schedule = InstallmentSchedule.For(Terms("2024-03-01", "2025-08-31", 12_000_00));

        schedule.Select(s => (s.Due, s.Amount)).Should().Equal((new DateOnly(2024, 3, 1), 12_000_00L), (new DateOnly(2025, 3, 1), 6_000_00L));
        schedule[^1].CoversTo.Should().Be(new DateOnly(2025, 8, 31));
    }

    [Fact]
    public void Quarterly_installments_round_and_the_last_takes_the_remainder()
    {
        var schedule = InstallmentSchedule.For(Terms("2024-01-01", "2024-12-31", 1_000_01, PaymentTerms.Installments, 4));

        schedule.Select(s => s.Amount).Should().Equal(250_00, 250_00, 250_00, 250_01);
    }

    [Fact]
    public void A_lump_sum_is_one_installment_for_the_whole_term()
    {
        var schedule = InstallmentSchedule.For(Terms("2024-01-01", "2028-12-31", 10_000_00, PaymentTerms.LumpSum));

        schedule.Should().ContainSingle().Which.Amount.Should().Be(50_000_00);
    }
}

public class ContractRegisterTests
{
    private const string Header = "number,counterparty,kind,subjects,start,end,area,unit_price,annual_amount,payment,installments_per_year,deposit,resolution\n";

    private static async Task<TestLedger> VillageWithLandAsync(DateTimeOffset? now = null)
    {
        var ledger = await TestLedger.CreateAsync(now);
        await ledger.VillageAsync("V1");
        (await ledger.RunAsync<ResourceRegister, Outcome<ResourceImportResult>>(s => s.ImportAsync("V1",
            new MemoryStream(Encoding.UTF8.GetBytes("code,name,type,area\nR1,东坡地,耕地,100\nR2,鱼塘,水面,8\n"))))).ShouldSucceed();
        return ledger;
    }

    private static Task<Outcome<ContractImportResult>> ImportAsync(TestLedger ledger, string csv) =>
        ledger.RunAsync<ContractRegister, Outcome<ContractImportResult>>(s => s.ImportAsync("V1", new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    private static Task<Outcome<(PostedVoucher Voucher, ContractSchedule Schedule)>> ReceiveAsync(TestLedger ledger, string date, decimal yuan) =>
        ledger.RunAsync<ContractRegister, Outcome<(PostedVoucher, ContractSchedule)>>(s =>
            s.ReceiveAsync("V1", "C1", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Money.FromYuan(yuan)));

    [Fact]
    public async Task A_lump_sum_for_five_years_is_booked_as_this_years_income_and_the_rest_as_prepaid_211()
    {
        await using var ledger = await VillageWithLandAsync();
        (await ImportAsync(ledger, Header + "C1,绿源农业公司,租赁,R1,2024-01-01,2028-12-31,100,100,,lump_sum,,,决议2023-12\n"))
            .ShouldSucceed().Installments.Should().Be(1);

        var (voucher, schedule) = (await ReceiveAsync(ledger, "2024-01-05", 50_000)).ShouldSucceed();

        var lines = (await ledger.JournalAsync("V1", "2024-01")).Entries.Where(e => e.VoucherNumber == VoucherNumber.Format(voucher.Number))
            .Select(e => (e.AccountCode, e.Debit.Yuan, e.Credit.Yuan, e.Counterparty)).ToList();
        lines[1].Should().Be(("501", 0m, 10_000m, (string?)null));
        lines[2].Should().Be(("211", 0m, 40_000m, "绿源农业公司"), "the 48 months of 2025–2028 are paid in advance");
        schedule.Installments.Single().Status.Should().Be(InstallmentStatus.Paid);
        (await ledger.VerifyAsync()).Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task Partial_receipts_settle_the_oldest_installment_first_and_arrears_are_derived()
    {
        await using var ledger = await VillageWithLandAsync(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        await ImportAsync(ledger, Header + "C1,张三,发包,R1;R2,2024-03-01,2027-02-28,,,\"10,000\",annual,,500,\n");

        (await ReceiveAsync(ledger, "2024-03-05", 4_000)).ShouldSucceed();
        var (_, schedule) = (await ReceiveAsync(ledger, "2024-04-05", 7_000)).ShouldSucceed();

        schedule.Installments.Select(i => (i.Paid, i.Status)).Should().Equal(
            (10_000_00L, InstallmentStatus.Paid), (1_000_00L, InstallmentStatus.Overdue), (0L, InstallmentStatus.Due));
        schedule.Arrears.Should().Be(9_000_00, "the second year fell due on 2025-03-01 and 9,000.00 of it is unpaid on 2025-06-01");
    }

    [Fact]
    public async Task A_retried_receipt_posts_once_and_an_overpayment_is_refused()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-03-01,2025-02-28,,,10000,annual,,,\n");

        var first = (await ReceiveAsync(ledger, "2024-03-05", 10_000)).ShouldSucceed();
        var retry = (await ReceiveAsync(ledger, "2024-03-05", 10_000)).ShouldSucceed();

        retry.Voucher.AlreadyPosted.Should().BeTrue();
        retry.Voucher.Id.Should().Be(first.Voucher.Id);
        retry.Schedule.Installments.Single().Paid.Should().Be(10_000_00);
        (await ReceiveAsync(ledger, "2024-03-06", 1)).ShouldFailWith("contract.overpaid");
    }

    [Fact]
    public async Task A_bad_contract_file_is_rejected_whole_with_each_error_located()
    {
        await using var ledger = await VillageWithLandAsync();

        var result = await ImportAsync(ledger, Header + """
            C1,张三,发包,R9,2024-03-01,2025-02-28,,,10000,annual,,,
            C2,李四,发包,R1,2024-03-01,2024-02-28,,,10000,annual,,,
            C3,王五,发包,R1,2024-03-01,2025-02-28,,,,annual,,,
            C4,赵六,发包,R1,2024-03-01,2025-02-28,,,10000,installments,5,,
            """);

        result.Errors.Select(e => e.ToString()).Should()
            .Contain(e => e.StartsWith("line 2, column subjects:", StringComparison.Ordinal) && e.Contains("R9"))
            .And.Contain(e => e.StartsWith("line 3, column end:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 4, column annual_amount:", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("line 5, column installments_per_year:", StringComparison.Ordinal));
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM contracts")).Should().Be(0);
    }

    [Fact]
    public async Task The_same_contract_again_changes_nothing_and_a_changed_one_is_refused()
    {
        await using var ledger = await VillageWithLandAsync();
        const string line = "C1,张三,发包,R1,2024-03-01,2025-02-28,100,120,,annual,,,\n";
        (await ImportAsync(ledger, Header + line)).ShouldSucceed().Registered.Should().Be(1);

        (await ImportAsync(ledger, Header + line)).ShouldSucceed().AlreadyRegistered.Should().Be(1);
        (await ImportAsync(ledger, Header + line.Replace("120", "130", StringComparison.Ordinal))).ShouldFailWith("contract.number_taken");
        (await ledger.ScalarAsync("SELECT amount FROM installments")).Should().Be(12_000_00, "100 亩 × 120 元/亩/年");
    }

    private static Task<Outcome<ContractSchedule>> Change(TestLedger ledger, Func<ContractRegister, Task<Outcome<ContractSchedule>>> change) =>
        ledger.RunAsync(change);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_renewal_adds_the_new_years_on_the_same_terms()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-03-01,2025-02-28,,,10000,annual,,,\n");

        var renewed = (await Change(ledger, s => s.RenewAsync("V1", "C1", D("2027-02-28"), "村民代表会议决议2025-01：续签两年"))).ShouldSucceed();

        renewed.End.Should().Be(D("2027-02-28"));
        renewed.Installments.Select(i => (i.Installment.Due, i.Installment.Amount)).Should().Equal(
            (D("2024-03-01"), 10_000_00L), (D("2025-03-01"), 10_000_00L), (D("2026-03-01"), 10_000_00L));
        (await Change(ledger, s => s.RenewAsync("V1", "C1", D("2026-12-31"), "x"))).ShouldFailWith("contract.renewal_invalid");
    }

    [Fact]
    public async Task An_early_termination_cancels_what_is_unpaid_after_it_and_prorates_the_stretch_it_cuts()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-01-01,2025-12-31,,,12000,installments,4,,\n");
        await ReceiveAsync(ledger, "2024-01-05", 3_000);

        var ended = (await Change(ledger, s => s.TerminateAsync("V1", "C1", D("2024-05-01"), "承包方违约，经村民会议决议解除"))).ShouldSucceed();

        ended.End.Should().Be(D("2024-04-30"));
        ended.Installments.Select(i => (i.Installment.CoversFrom, i.Installment.CoversTo, i.Installment.Amount, i.Paid)).Should().Equal(
            (D("2024-01-01"), D("2024-03-31"), 3_000_00L, 3_000_00L),
            (D("2024-04-01"), D("2024-04-30"), 1_000_00L, 0L));
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM installment_cancellations")).Should().Be(7, "the cut installment and the six after it");
        (await ledger.ScalarAsync("SELECT COUNT(*) FROM installments")).Should().Be(9, "nothing is deleted: the replacement is added");
    }

    [Fact]
    public async Task A_terminated_contract_is_not_renewed_amended_or_terminated_again()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-01-01,2025-12-31,,,12000,installments,4,,\n");
        (await Change(ledger, s => s.TerminateAsync("V1", "C1", D("2024-05-01"), "解除"))).ShouldSucceed();
        var before = await ledger.FingerprintAsync();

        var renewed = await Change(ledger, s => s.RenewAsync("V1", "C1", D("2027-12-31"), "续签"));
        var amended = await Change(ledger, s => s.AmendAsync("V1", "C1", D("2024-03-01"), Money.FromYuan(15_000), "变更"));
        var again = await Change(ledger, s => s.TerminateAsync("V1", "C1", D("2024-03-01"), "再解除"));

        renewed.ShouldFailWith("contract.terminated").Message.Should().Contain("terminated from 2024-05-01");
        amended.ShouldFailWith("contract.terminated");
        again.ShouldFailWith("contract.terminated");
        (await ledger.FingerprintAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Installments_added_after_cancellations_never_reuse_a_cancelled_ones_sequence()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-01-01,2025-12-31,,,12000,installments,4,,\n");

        (await Change(ledger, s => s.AmendAsync("V1", "C1", D("2024-07-01"), Money.FromYuan(15_000), "第一次变更"))).ShouldSucceed();
        (await Change(ledger, s => s.AmendAsync("V1", "C1", D("2024-10-01"), Money.FromYuan(18_000), "第二次变更"))).ShouldSucceed();
        (await Change(ledger, s => s.RenewAsync("V1", "C1", D("2026-12-31"), "续签"))).ShouldSucceed();

        (await ledger.ScalarAsync("SELECT COUNT(*) - COUNT(DISTINCT sequence) FROM installments")).Should().Be(0);
    }

    [Fact]
    public async Task An_amendment_reprices_what_is_unpaid_and_never_charges_paid_months_twice()
    {
        await using var ledger = await VillageWithLandAsync();
        await ImportAsync(ledger, Header + "C1,张三,发包,R1,2024-01-01,2026-12-31,,,12000,annual,,,\n");
        await ReceiveAsync(ledger, "2024-01-05", 12_000);

        var amended = (await Change(ledger, s => s.AmendAsync("V1", "C1", D("2024-07-01"), Money.FromYuan(15_000), "决议2024-06：调整承包费"))).ShouldSucceed();

        amended.AnnualAmount.Should().Be(15_000_00);
        amended.Installments.Select(i => (i.Installment.Due, i.Installment.Amount)).Should().Equal(
            (D("2024-01-01"), 12_000_00L), (D("2025-01-01"), 15_000_00L), (D("2026-01-01"), 15_000_00L));
        (await Change(ledger, s => s.AmendAsync("V1", "C1", D("2024-08-01"), Money.FromYuan(15_000), "同价"))).ShouldFailWith("contract.amount_invalid");
    }
}
