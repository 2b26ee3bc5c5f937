using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>Each book balances in each month: its debits equal its credits.</summary>
public sealed class PeriodsBalance : ScanInvariant
{
    protected override IEnumerable<LedgerError> Check(LedgerScan scan)
    {
        foreach (var group in scan.Recomputed.GroupBy(kv => (kv.Key.Book, kv.Key.Period)))
        {
            var d = group.Sum(kv => kv.Value.Debit);
            var cr = group.Sum(kv => kv.Value.Credit);
            if (d != cr)
            {
                yield return new LedgerError("verify.period_unbalanced",
                    $"{scan.Names.GetValueOrDefault(group.Key.Book)} {AccountingPeriod.FromKey(group.Key.Period)}: debits {Money.FromFen(d)}, credits {Money.FromFen(cr)}");
            }
        }
    }
}
