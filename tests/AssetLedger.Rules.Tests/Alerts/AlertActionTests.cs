using AssetLedger.Rules.Alerts;
using AssetLedger.Testing;

namespace AssetLedger.Rules.Tests.Alerts;

/// <summary>The actions on an alert, named once for the command line, the API and the page.</summary>
public class AlertActionTests
{
    [Theory]
    [InlineData("ack", AlertState.Acknowledged)]
    [InlineData("resolve", AlertState.Resolved)]
    [InlineData("dismiss", AlertState.Dismissed)]
    public void Each_action_leads_to_its_state(string name, AlertState to) =>
        AlertAction.Parse(name).ShouldSucceed().To.Should().Be(to);

    [Theory]
    [InlineData("delete")]
    [InlineData("ACK")]
    [InlineData(null)]
    public void Any_other_word_is_refused_naming_the_actions_there_are(string? name) =>
        AlertAction.Parse(name).ShouldFailWith(AlertAction.UnknownCode).Message.Should().EndWith("is not ack, resolve, dismiss");
}
