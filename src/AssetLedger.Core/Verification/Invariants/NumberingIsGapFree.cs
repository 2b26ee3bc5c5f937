using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>Numbers run 1…n per book and month: unique, the least 1, the greatest the count (from the covering index).</summary>
public sealed class NumberingIsGapFree : ILedgerInvariant
{
    public async Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct)
    {
        var findings = new List<LedgerError>();
        await LedgerScanner.QueryAsync(context.Db.Database.GetDbConnection(), VerificationSql.NumberingGaps(context.Scan.BookIds), r => findings.Add(new LedgerError("verify.numbering_gap",
                $"{context.Scan.Names.GetValueOrDefault(r.GetInt32(0))} {AccountingPeriod.FromKey(r.GetInt32(1))}: {r.GetInt64(2)} vouchers numbered {r.GetInt64(3)}…{r.GetInt64(4)}")), ct);
        return findings;
    }
}
