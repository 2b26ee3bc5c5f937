using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AssetLedger.Host.Database;

/// <summary>
/// <see cref="DatabaseSettings"/> from configuration, every value checked with a sentence naming the setting:
/// <list type="bullet">
/// <item><c>Database:Provider</c> — <c>Sqlite</c> (the default) or <c>PostgreSql</c>;</item>
/// <item><c>Database:ConnectionString</c> — required for PostgreSQL (<c>Host=…;Database=…;Username=…;Password=…</c>);
/// for SQLite, a <c>Data Source=FILE</c> instead of a path;</item>
/// <item>for SQLite, the file: <c>--db PATH</c>, else <c>Database:Path</c>, else <c>ASSETLEDGER_DB</c>, else
/// <c>./data/assetledger.db</c>;</item>
/// <item>for PostgreSQL, <c>Database:DataFolder</c> — where the files SQLite keeps beside its database go (the mail
/// pickup folder), by default <c>./data</c>.</item>
/// </list>
/// Environment variables name them with two underscores: <c>Database__Provider</c>, <c>Database__ConnectionString</c>.
/// </summary>
public static class DatabaseConfiguration
{
    public static Outcome<DatabaseSettings> From(IConfiguration configuration, string? dbOption = null)
    {
        var providerText = configuration["Database:Provider"];
        var connectionString = configuration["Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(providerText) || providerText.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(configuration, dbOption, connectionString);
        }

        if (!providerText.Equals(nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase))
        {
            return new LedgerError("config.database_provider", $"Database:Provider '{providerText}' is not one of Sqlite, PostgreSql");
        }

        if (!string.IsNullOrWhiteSpace(dbOption))
        {
            return new LedgerError("config.database_path", "--db names a SQLite file, but Database:Provider is PostgreSql: the database is Database:ConnectionString");
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new LedgerError("config.database_connection", "Database:ConnectionString is required when Database:Provider is PostgreSql (e.g. Host=127.0.0.1;Database=assetledger;Username=assetledger;Password=…)");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                return new LedgerError("config.database_connection", "Database:ConnectionString must name the server (Host=…) and the database (Database=…)");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            return new LedgerError("config.database_connection", $"Database:ConnectionString is not a PostgreSQL connection string: {ex.Message}");
        }

        var dataFolder = configuration["Database:DataFolder"] is { Length: > 0 } folder ? folder : Path.GetDirectoryName(LedgerDatabase.DefaultPath)!;
        return Outcome<DatabaseSettings>.Success(DatabaseSettings.PostgreSql(connectionString, Path.GetFullPath(dataFolder)));
    }

    private static Outcome<DatabaseSettings> Sqlite(IConfiguration configuration, string? dbOption, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(dbOption) && !string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
                return string.IsNullOrEmpty(source) || source == ":memory:"
                    ? new LedgerError("config.database_connection", "Database:ConnectionString for SQLite must name a file (Data Source=FILE)")
                    : Outcome<DatabaseSettings>.Success(DatabaseSettings.Sqlite(source));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                return new LedgerError("config.database_connection", $"Database:ConnectionString is not a SQLite connection string: {ex.Message}");
            }
        }

        var path = LedgerDatabase.ResolvePath(string.IsNullOrWhiteSpace(dbOption) ? configuration["Database:Path"] : dbOption);
        return Outcome<DatabaseSettings>.Success(DatabaseSettings.Sqlite(path));
    }
}
