using Microsoft.Data.Sqlite;
using Npgsql;

namespace AssetLedger.Core.Persistence;

/// <summary>The database engines the ledger runs on, on the same code: one SQLite file, or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: a county on one machine (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several Host instances, a clustered scheduler, a province.</summary>
    PostgreSql,
}

/// <summary>
/// Which database the ledger, the rules and the accounts live in. Made by the Host from <c>Database:Provider</c> and
/// <c>Database:ConnectionString</c> (or, for SQLite, <c>--db</c> / <c>Database:Path</c> / <c>ASSETLEDGER_DB</c>); the
/// contexts are configured from it in one place each (<see cref="LedgerDatabase"/>, the rules' and the accounts'
/// <c>Use</c> helpers).
/// </summary>
public sealed record DatabaseSettings
{
    private DatabaseSettings(DatabaseProvider provider, string connectionString, string dataFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataFolder = dataFolder;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where files that belong beside the data go (the mail pickup folder by default): the SQLite file's folder.</summary>
    public string DataFolder { get; }

    public static DatabaseSettings Sqlite(string path)
    {
        var file = Path.GetFullPath(path);
        return new(DatabaseProvider.Sqlite, LedgerDatabase.SqliteConnectionString(file), Path.GetDirectoryName(file) ?? ".");
    }

    /// <param name="dataFolder">Where the files that SQLite would keep beside its file go instead.</param>
    public static DatabaseSettings PostgreSql(string connectionString, string dataFolder) =>
        new(DatabaseProvider.PostgreSql, connectionString, dataFolder);

    /// <summary>What the start-up line and the logs say: the file, or the server and database without the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
    }

    /// <summary>Drops the pooled connections of this database (a command-line run ends; a test database is dropped).</summary>
    public void ClearPools()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    public override string ToString() => Describe();
}
