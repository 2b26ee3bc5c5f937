using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// One transaction per command. A command that runs inside another (year-end close posts vouchers and closes
/// months) joins the outer transaction, and only the outermost commits. On SQLite, which takes one writer at a
/// time, the commands of this process queue for the database in memory, first come first served: waiting in
/// SQLite's busy handler instead costs sleeps that show in the tail latency (docs/benchmarks.md, posting over HTTP).
/// On PostgreSQL, where several Host instances write to one database, the transaction takes one advisory lock first
/// (one per schema), held until it commits: the ledger's writes stay one at a time, as on SQLite, so that voucher numbers and ids are
/// handed out in the order they commit — the rule engine's watermarks read the posting log by id and must never see
/// a smaller id commit after a larger one (docs/scaling.md says what this costs and how a province lifts it).
/// </summary>
internal sealed class UnitOfWork : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    private readonly IDbContextTransaction? owned;
    private readonly SemaphoreSlim? writer;

    private UnitOfWork(IDbContextTransaction? owned, SemaphoreSlim? writer) => (this.owned, this.writer) = (owned, writer);

    public static async Task<UnitOfWork> BeginAsync(LedgerDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return new(null, null);
        }

        var writer = db.Database.IsSqlite() && db.Database.GetConnectionString() is { } connection && !connection.Contains(":memory:", StringComparison.Ordinal)
            ? Writers.GetOrAdd(connection, _ => new SemaphoreSlim(1, 1))
            : null;
        if (writer is not null)
        {
            await writer.WaitAsync(ct);
        }

        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync(LedgerDatabase.TakePostgreSqlWriterLock, ct);
                }
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }

            return new(transaction, writer);
        }
        catch
        {
            writer?.Release();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => owned?.RollbackAsync(ct) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }

        writer?.Release();
    }
}
