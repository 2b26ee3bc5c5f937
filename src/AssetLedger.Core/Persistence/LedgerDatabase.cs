using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AssetLedger.Core.Persistence;

/// <summary>Where the database is and how it is opened, created and migrated.</summary>
public static class LedgerDatabase
{
    public const string DefaultPath = "data/assetledger.db";
    public const string PathVariable = "ASSETLEDGER_DB";

    /// <summary><c>--db PATH</c>, else <c>ASSETLEDGER_DB</c>, else <c>./data/assetledger.db</c>.</summary>
    public static string ResolvePath(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } env ? env
        : DefaultPath;

    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();

    public static DbContextOptionsBuilder UseLedgerSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    /// <summary>Creates the file's folder, applies pending migrations and switches the file to WAL. Idempotent.</summary>
    public static async Task MigrateAsync(LedgerDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder) && path != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Per-connection SQLite settings: durable enough with WAL, and patient with a concurrent writer.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
            command.ExecuteNonQuery();
        }
    }
}
