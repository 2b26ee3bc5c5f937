using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.CashReceiptLate;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.CashReceiptLate;

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

    [Fact]
    public void Facts_the_receipt_still_in_hand_after_its_days_is_late_and_cash_drawn_from_the_bank_is_not_a_receipt()
    {
        var facts = Given.On("2024-03-09").With(CashBookFacts.Source, new CashBook(Given.Day("2024-02-01"), 0,
        [
            new CashMovement(1, "2024-03/记-0001", Given.Day("2024-03-05"), In: Given.Fen(1_000), Out: 0, IsReceipt: true),
            new CashMovement(2, "2024-03/记-0002", Given.Day("2024-03-05"), In: Given.Fen(3_000), Out: 0, IsReceipt: false),
        ]));

        var found = new CashReceiptLateRule().Evaluate(facts, ("days", 3));

        found.Should().ContainSingle().Which.Should().Match<Finding>(f => f.Amount == Given.Fen(1_000) && f.OccurredOn == Given.Day("2024-03-08"));
    }
}
