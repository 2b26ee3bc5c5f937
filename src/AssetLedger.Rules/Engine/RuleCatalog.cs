using AssetLedger.Rules.AssetChange;
using AssetLedger.Rules.CashOverLimit;
using AssetLedger.Rules.LargeTransaction;
using AssetLedger.Rules.OneMatterOverspend;

namespace AssetLedger.Rules.Engine;

/// <summary>Every rule the engine runs. Adding a rule is one evaluator file, one line here, and its tests.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new LargeTransactionRule(),
        new CashOverLimitRule(),
        new OneMatterOverspendRule(),
        new AssetChangeRule(),
    ];
}
