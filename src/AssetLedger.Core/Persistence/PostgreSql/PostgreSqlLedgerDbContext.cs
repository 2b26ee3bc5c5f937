using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AssetLedger.Core.Persistence.PostgreSql;

/// <summary>
/// The ledger's model on PostgreSQL: the same <see cref="LedgerDbContext"/>, a type of its own only so that EF Core
/// keeps PostgreSQL's migrations (this folder's Migrations/) apart from SQLite's. Registered as
/// <see cref="LedgerDbContext"/>: nothing else in the code knows which one it got.
/// </summary>
public sealed class PostgreSqlLedgerDbContext(DbContextOptions<PostgreSqlLedgerDbContext> options) : LedgerDbContext(options);

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --context PostgreSqlLedgerDbContext --output-dir Persistence/PostgreSql/Migrations</c>
/// build the model; no server is needed to write a migration.
/// </summary>
internal sealed class DesignTimePostgreSqlLedgerDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlLedgerDbContext>
{
    public PostgreSqlLedgerDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgreSqlLedgerDbContext>)new DbContextOptionsBuilder<PostgreSqlLedgerDbContext>().UseLedgerPostgreSql("Host=localhost").Options);
}
