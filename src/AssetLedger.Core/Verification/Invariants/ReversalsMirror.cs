using AssetLedger.Core.Common;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>A red-ink reversal's lines are the lines of the voucher it reverses, with the signs turned.</summary>
public sealed class ReversalsMirror : ScanInvariant
{
    protected override IEnumerable<LedgerError> Check(LedgerScan scan)
    {
        foreach (var v in scan.Vouchers.Where(v => v.Reverses is not null))
        {
            var mine = scan.Captured.GetValueOrDefault(v.Id) ?? [];
            var theirs = scan.Captured.GetValueOrDefault(v.Reverses!.Value) ?? [];
            if (!mine.Select(l => l with { Debit = -l.Debit, Credit = -l.Credit }).SequenceEqual(theirs))
            {
                yield return new LedgerError("verify.reversal_mismatch", $"{scan.Names[v.Book]} {v.Display} does not mirror the voucher it reverses");
            }
        }
    }
}
