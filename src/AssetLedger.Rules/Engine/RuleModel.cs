using AssetLedger.Rules.Alerts;

namespace AssetLedger.Rules.Engine;

/// <summary>
/// A rule of the catalog: a stable id, its Chinese name, its parameters and their defaults, and what makes it look
/// again — new entries (every rule evaluation) or the calendar (the daily checks).
/// </summary>
public sealed record RuleDefinition(string Id, string Name, string Description, IReadOnlyDictionary<string, decimal> Defaults, RuleTrigger Trigger = RuleTrigger.NewEntries);

/// <summary>What a rule looks at, and so which evaluation runs it.</summary>
public enum RuleTrigger
{
    /// <summary>Vouchers and register events posted since the last run: the frequent evaluation (every 15 minutes).</summary>
    NewEntries = 1,

    /// <summary>The state of the books on a day (contracts falling due, arrears, idle balances): the daily checks.</summary>
    Calendar = 2,
}

/// <summary>Which rules one run evaluates.</summary>
[Flags]
public enum Evaluation
{
    /// <summary>Rules triggered by new entries, over what is past the watermarks.</summary>
    NewEntries = 1,

    /// <summary>Rules triggered by the calendar, as of the run's day.</summary>
    Calendar = 2,

    All = NewEntries | Calendar,
}

/// <summary>A rule's parameters as in force for one book: defaults, then county, township and village settings.</summary>
public sealed record RuleParameters(IReadOnlyDictionary<string, decimal> Values)
{
    public decimal this[string name] => Values[name];

    /// <summary>A parameter given in 元, in 分.</summary>
    public long Fen(string name) => (long)(Values[name] * 100m);
}

/// <summary>What a rule found, as data: the engine stores it as an alert unless the same fact already raised one.</summary>
public sealed record Finding(string RuleId, Severity Severity, string SubjectKey, string Window, long Amount, DateOnly OccurredOn, object Evidence, string Explanation);

/// <summary>What a backtest found in one book: an alert it would have raised.</summary>
public sealed record BacktestFinding(string OrgCode, Finding Finding);

/// <summary>
/// A small pure evaluator: facts and parameters in, findings out. Beside the new vouchers every rule sees, a rule
/// declares the facts it needs (<see cref="Sources"/>); the engine reads each source once per book and run, for all
/// the rules that declared it, and a rule reads nothing it did not declare.
/// </summary>
public interface IRule
{
    RuleDefinition Definition { get; }

    /// <summary>The facts this rule reads beyond <see cref="RuleFacts.NewVouchers"/>.</summary>
    IReadOnlyList<IFactSource> Sources => [];

    IEnumerable<Finding> Evaluate(RuleFacts facts, RuleParameters parameters);
}

/// <summary>
/// How far the rule engine has read one book's streams (vouchers, asset events, resource events): ids are global,
/// so a run that finds nothing new in a book still moves its marks to the highest ids it saw.
/// </summary>
public sealed class RuleWatermark
{
    public int BookId { get; init; }

    public long LastVoucherId { get; set; }

    public long LastAssetEventId { get; set; }

    public long LastResourceEventId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
