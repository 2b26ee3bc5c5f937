using System.Data.Common;
using AssetLedger.Core;
using AssetLedger.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetLedger.Testing;

/// <summary>
/// Where one test's data lives. By default SQLite: in memory on one open connection, or a temporary file.
/// <c>ASSETLEDGER_TEST_POSTGRES</c> names a PostgreSQL server (a connection string for a role that may create
/// databases): the tests that need PostgreSQL itself (the clustered scheduler, counties in schemas) run there, and with
/// <c>ASSETLEDGER_TEST_PROVIDER=PostgreSql</c> every test does — each in a fresh database of its own, dropped when
/// the test ends — so the same tests prove both engines (<c>.ci/run</c> runs the suite once on each).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable, IDisposable
{
    public const string PostgreSqlVariable = "ASSETLEDGER_TEST_POSTGRES";
    public const string ProviderVariable = "ASSETLEDGER_TEST_PROVIDER";

    private readonly SqliteConnection? memory;
    private readonly string? file;
    private readonly string? postgreSqlName;

    private TestDatabase(DatabaseSettings settings, SqliteConnection? memory, string? file, string? postgreSqlName)
    {
        Settings = settings;
        this.memory = memory;
        this.file = file;
        this.postgreSqlName = postgreSqlName;
    }

    /// <summary>The PostgreSQL server <c>ASSETLEDGER_TEST_POSTGRES</c> names, or null.</summary>
    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Why a test that needs PostgreSQL itself is skipped on a machine without one.</summary>
    public const string NoPostgreSqlServer = $"needs a PostgreSQL server: set {PostgreSqlVariable} to its connection string (.ci/run does)";

    /// <summary>Whether the whole suite runs on PostgreSQL.</summary>
    public static bool OnPostgreSql => PostgreSqlServer is not null
        && string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase);

    /// <summary>The database as the application is told it (for an in-memory SQLite database, a file name nothing opens).</summary>
    public DatabaseSettings Settings { get; }

    public bool IsPostgreSql => postgreSqlName is not null;

    /// <summary>A new database: on the PostgreSQL server when the suite runs there; else SQLite in memory, or in <paramref name="sqliteFile"/>.</summary>
    public static TestDatabase Create(string? sqliteFile = null)
    {
        if (OnPostgreSql)
        {
            return CreatePostgreSql();
        }

        if (sqliteFile is not null)
        {
            return new(DatabaseSettings.Sqlite(sqliteFile), null, sqliteFile, null);
        }

        var memory = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
        memory.Open();
        return new(DatabaseSettings.Sqlite("in-memory.db"), memory, null, null);
    }

    /// <summary>A new, empty database on the PostgreSQL server <c>ASSETLEDGER_TEST_POSTGRES</c> names, whatever the suite runs on.</summary>
    public static TestDatabase CreatePostgreSql()
    {
        var server = PostgreSqlServer ?? throw new InvalidOperationException($"{PostgreSqlVariable} names no PostgreSQL server");
        var name = $"al_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var command = admin.CreateCommand();
            // C collation: text sorts by code point, as on SQLite, so the two engines list things in one order.
            command.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'";
            command.ExecuteNonQuery();
        }

        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new(DatabaseSettings.PostgreSql(connection, Directory.CreateTempSubdirectory("assetledger-pg-").FullName), null, null, name);
    }

    /// <summary>The ledger's context on this database, as the application registers it.</summary>
    public void AddLedger(IServiceCollection services)
    {
        if (memory is null)
        {
            services.AddLedger(Settings);
        }
        else
        {
            services.AddLedger(o => o.UseSqlite(memory));
        }
    }

    /// <summary>The open in-memory SQLite connection, for another context on the same database; null on a file or a server.</summary>
    public SqliteConnection? SharedConnection => memory;

    /// <summary>A new open connection to a file or a server, for SQL run as someone bypassing the application would.</summary>
    public DbConnection Open()
    {
        if (memory is not null)
        {
            throw new InvalidOperationException("An in-memory database has one connection: run SQL through a context (TestLedger.ExecuteSqlAsync).");
        }

        DbConnection connection = IsPostgreSql ? new NpgsqlConnection(Settings.ConnectionString) : new SqliteConnection(Settings.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement on a connection of its own; the first column of the first row, or null.</summary>
    public object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is { } value and not DBNull ? value : null;
    }

    /// <summary>The statement for the engine the test runs on, where the two dialects differ (a trigger, an aggregate).</summary>
    public string Dialect(string sqlite, string postgreSql) => IsPostgreSql ? postgreSql : sqlite;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        memory?.Dispose();
        if (file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                File.Delete(f);
            }
        }

        if (postgreSqlName is not null && PostgreSqlServer is { } server)
        {
            Settings.ClearPools();
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS {postgreSqlName} WITH (FORCE)";
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // A backend the test role may not end (an autovacuum worker) still works in the database: it is
                // left for the server's owner, named as a test's; the test's outcome is not the clean-up's.
                Console.Error.WriteLine($"test database {postgreSqlName} left behind: {e.MessageText}");
            }
        }
    }
}
