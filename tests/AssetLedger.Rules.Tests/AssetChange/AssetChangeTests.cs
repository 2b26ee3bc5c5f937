using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.AssetChange;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Tests.Support;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.AssetChange;

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

    [Fact]
    public void Facts_a_disposal_below_book_value_is_serious_at_or_above_it_a_warning_and_usage_is_routine()
    {
        var tractor = new FixedAsset { Id = 7, Code = "F1", Name = "拖拉机", Category = "机器设备", Cost = Given.Fen(30_000), Origin = "购入" };
        AssetEvent Event(long id, AssetEventKind kind, decimal proceeds) => new()
        {
            Id = id, AssetId = 7, Date = Given.Day("2024-03-20"), Kind = kind, Reason = "出售", Amount = Given.Fen(proceeds), BookValue = Given.Fen(20_000), Actor = "lisi",
        };
        var facts = Given.On("2024-03-31").With(NewAssetEvents.Source, new AssetEventFacts(
            [Event(1, AssetEventKind.Disposed, 10_000), Event(2, AssetEventKind.Disposed, 20_000), Event(3, AssetEventKind.Usage, 0)],
            new Dictionary<long, FixedAsset> { [7] = tractor }));

        var found = new AssetChangeRule().Evaluate(facts);

        found.Select(f => (f.SubjectKey, f.Severity)).Should().Equal(("asset-event:1", Severity.Serious), ("asset-event:2", Severity.Warning));
    }
}
