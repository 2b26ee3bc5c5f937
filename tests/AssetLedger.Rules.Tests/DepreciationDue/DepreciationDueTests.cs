using AssetLedger.Core.Assets;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.DepreciationDue;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.DepreciationDue;

public class DepreciationDueTests
{
    [Fact]
    public async Task From_a_months_last_day_its_unrun_depreciation_is_proposed_once_and_a_standing_run_is_not()
    {
        await using var ledger = await RulesTestLedger.CreateAsync();
        (await ledger.PostAsync("V1", "2025-10-10", Dr("151", 12_000), Cr("102", 12_000))).ShouldSucceed();
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

    [Fact]
    public void Facts_a_proposal_with_an_amount_is_due_and_none_or_zero_is_not()
    {
        var march = AccountingPeriod.Parse("2024-03").ShouldSucceed();
        var due = Given.On("2024-04-01").With(DepreciationProposals.Source,
            new DepreciationFacts(new DepreciationProposal(march, [new("F1", "办公楼", "513", Given.Fen(250)), new("F2", "拖拉机", "401", Given.Fen(100))])));
        var nothing = Given.On("2024-04-01").With(DepreciationProposals.Source, new DepreciationFacts(null));

        new DepreciationDueRule().Evaluate(due).Should().ContainSingle().Which.Amount.Should().Be(Given.Fen(350));
        new DepreciationDueRule().Evaluate(nothing).Should().BeEmpty();
        DepreciationProposals.MonthProposedOn(Given.Day("2024-03-31")).Should().Be(march, "on its last day a month proposes its own depreciation");
        DepreciationProposals.MonthProposedOn(Given.Day("2024-04-01")).Should().Be(march);
    }
}
