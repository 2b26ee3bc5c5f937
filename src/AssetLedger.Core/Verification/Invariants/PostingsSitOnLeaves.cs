using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>Postings name accounts of their own book, only leaves, with a counterparty where the account requires one.</summary>
public sealed class PostingsSitOnLeaves : ScanInvariant
{
    protected override IEnumerable<LedgerError> Check(LedgerScan scan)
    {
        foreach (var (book, accountId, hasCounterparty) in scan.Recomputed.Keys.Select(k => (k.Book, k.Account, k.Counterparty != 0)).Distinct())
        {
            if (!scan.Charts.TryGetValue(book, out var chart) || chart.Accounts.All(a => a.Id != accountId))
            {
                yield return new LedgerError("verify.foreign_account", $"{scan.Names.GetValueOrDefault(book)}: a posting names account #{accountId}, which is not in its book");
                continue;
            }

            var account = chart[accountId];
            if (!chart.IsLeaf(account))
            {
                yield return new LedgerError("verify.not_leaf", $"{scan.Names[book]}: account {account.Code} has postings but also detail accounts");
            }

            if (account.Has(AccountFlags.Counterparty) && !hasCounterparty)
            {
                yield return new LedgerError("verify.counterparty_missing", $"{scan.Names[book]}: account {account.Code} has postings without a counterparty");
            }
        }
    }
}
