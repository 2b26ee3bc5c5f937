using AssetLedger.Core.Common;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>Each voucher's lines are exactly its id range, two or more, debits equal to credits; no posting lies outside a voucher.</summary>
public sealed class VouchersHoldTheirLines : ScanInvariant
{
    protected override IEnumerable<LedgerError> Check(LedgerScan scan) =>
        LedgerInvariants.Capped(scan.PostingProblems, "verify.more", "voucher and posting problems");
}
