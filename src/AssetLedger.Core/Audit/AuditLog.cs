using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;

namespace AssetLedger.Core.Audit;

/// <summary>
/// Adds audit entries to the unit of work of the command that makes the change, so both commit or neither does.
/// (The bulk voucher path writes its entries with its own prepared statement, in the same transaction.)
/// </summary>
public sealed class AuditLog(LedgerDbContext db, TimeProvider time, Actor actor)
{
    /// <summary>JSON as the audit log and evidence store it: Chinese kept readable, camelCase names.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public void Record(string action, int? bookId, string subject, object? before, object? after, string? reason = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            AtUtc = LedgerClock.UtcNow(time),
            Actor = actor.Name,
            Action = action,
            BookId = bookId,
            Subject = subject,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = reason,
        });
}
