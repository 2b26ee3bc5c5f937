using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>The maintained balances equal the ones recomputed from the postings and opening balances, row for row.</summary>
public sealed class MaintainedBalancesMatch : ScanInvariant
{
    public const string Code = "verify.balance_mismatch";

    protected override IEnumerable<LedgerError> Check(LedgerScan scan) =>
        LedgerInvariants.Capped(scan.DifferingBalances.Select(d => Describe(scan, d.Key, d.Recomputed, d.Maintained)).ToList(), Code, "balance differences");

    private static LedgerError Describe(LedgerScan scan, BalanceKey key, BalanceSums want, BalanceSums have)
    {
        var account = scan.Charts.TryGetValue(key.Book, out var c) && c.Accounts.Any(a => a.Id == key.Account) ? c[key.Account].Code : $"#{key.Account}";
        return new LedgerError(Code,
            $"{scan.Names.GetValueOrDefault(key.Book)} account {account} {AccountingPeriod.FromKey(key.Period)}: maintained debit/credit {Money.FromFen(have.Debit)}/{Money.FromFen(have.Credit)}, recomputed {Money.FromFen(want.Debit)}/{Money.FromFen(want.Credit)}");
    }
}
