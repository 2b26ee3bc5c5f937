using System.Text.Json;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>The audit log accounts for every voucher: each posting command's entry names a contiguous range of ids, and they add up.</summary>
public sealed class AuditAccountsForEveryVoucher : ILedgerInvariant
{
    public async Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct)
    {
        var scan = context.Scan;
        var bookIds = scan.Scope.Select(b => (int?)b.Book.Id).ToList();
        var entries = await context.Db.AuditLog.AsNoTracking()
            .Where(a => a.Action.StartsWith(VoucherAudit.ActionPrefix) && (scan.All || bookIds.Contains(a.BookId)))
            .Select(a => a.After).ToListAsync(ct);
        var findings = new List<LedgerError>();
        long audited = 0;
        foreach (var json in entries)
        {
            var entry = json is null ? null : JsonSerializer.Deserialize<VoucherAudit>(json, AuditLog.Json);
            if (entry is null || entry.LastId - entry.FirstId + 1 != entry.Vouchers)
            {
                findings.Add(new LedgerError("verify.audit_malformed", $"a voucher audit entry does not name a contiguous range of vouchers: {json}"));
                continue;
            }

            audited += entry.Vouchers;
        }

        if (audited != scan.Vouchers.Count)
        {
            findings.Add(new LedgerError("verify.audit_missing", $"{scan.Vouchers.Count} vouchers, but the audit log accounts for {audited}"));
        }

        return findings;
    }
}
