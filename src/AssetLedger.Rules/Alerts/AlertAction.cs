using AssetLedger.Core.Common;

namespace AssetLedger.Rules.Alerts;

/// <summary>What a supervisor does with an alert: the verb the command line, the API and the page use, and the state it leads to.</summary>
public sealed record AlertAction(string Name, AlertState To, string Description)
{
    public const string UnknownCode = "alert.action_unknown";

    /// <summary>Every action, in the order they are offered.</summary>
    public static IReadOnlyList<AlertAction> All { get; } =
    [
        new("ack", AlertState.Acknowledged, "Acknowledge an alert: someone is looking at it"),
        new("resolve", AlertState.Resolved, "Resolve an alert, saying how"),
        new("dismiss", AlertState.Dismissed, "Dismiss an alert as not a problem, saying why"),
    ];

    public static Outcome<AlertAction> Parse(string? name) =>
        All.FirstOrDefault(a => a.Name == name) is { } action
            ? Outcome<AlertAction>.Success(action)
            : new LedgerError(UnknownCode, $"'{name}' is not {string.Join(", ", All.Select(a => a.Name))}", "action");
}
