using AssetLedger.Core.Assets;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests.Alerts;

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
