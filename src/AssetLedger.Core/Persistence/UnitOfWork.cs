using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// One transaction per command. A command that runs inside another (year-end close posts vouchers and closes
/// months) joins the outer transaction, and only the outermost commits.
/// </summary>
internal sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDbContextTransaction? owned;

    private UnitOfWork(IDbContextTransaction? owned) => this.owned = owned;

    public static async Task<UnitOfWork> BeginAsync(LedgerDbContext db, CancellationToken ct) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public Task RollbackAsync(CancellationToken ct) => owned?.RollbackAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
