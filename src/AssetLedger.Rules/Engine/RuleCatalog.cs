using AssetLedger.Rules.AssetChange;
using AssetLedger.Rules.BudgetOverrun;
using AssetLedger.Rules.CashOverLimit;
using AssetLedger.Rules.CashReceiptLate;
using AssetLedger.Rules.ContractExpiring;
using AssetLedger.Rules.DepreciationDue;
using AssetLedger.Rules.LargeTransaction;
using AssetLedger.Rules.LoanOut;
using AssetLedger.Rules.OneMatterOverspend;
using AssetLedger.Rules.RentOverdue;
using AssetLedger.Rules.ResourceChange;
using AssetLedger.Rules.SplitPayment;
using AssetLedger.Rules.StaleBalance;

namespace AssetLedger.Rules.Engine;

/// <summary>
/// Every rule the engine runs, in the order the menus list them. Adding a rule is a folder — the rule, the fact
/// sources it declares, its tests beside the others' — this one line, and its line in the README.
/// </summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new LargeTransactionRule(),
        new CashOverLimitRule(),
        new OneMatterOverspendRule(),
        new AssetChangeRule(),
        new ResourceChangeRule(),
        new ContractExpiringRule(),
        new RentOverdueRule(),
        new BudgetOverrunRule(),
        new SplitPaymentRule(),
        new StaleBalanceRule(),
        new DepreciationDueRule(),
        new LoanOutRule(),
        new CashReceiptLateRule(),
    ];
}
