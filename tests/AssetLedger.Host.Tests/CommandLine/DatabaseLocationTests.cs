using AssetLedger.Core.Persistence;

namespace AssetLedger.Host.Tests.CommandLine;

public sealed class DatabaseLocationTests : IDisposable
{
    private readonly string? saved = Environment.GetEnvironmentVariable(LedgerDatabase.PathVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(LedgerDatabase.PathVariable, saved);

    [Fact]
    public void The_db_option_wins_then_the_environment_then_the_default()
    {
        Environment.SetEnvironmentVariable(LedgerDatabase.PathVariable, "/srv/county.db");
        LedgerDatabase.ResolvePath("/tmp/x.db").Should().Be("/tmp/x.db");
        LedgerDatabase.ResolvePath(null).Should().Be("/srv/county.db");

        Environment.SetEnvironmentVariable(LedgerDatabase.PathVariable, null);
        LedgerDatabase.ResolvePath(null).Should().Be("data/assetledger.db");
    }

    [Fact]
    public async Task The_database_and_its_folder_are_created_on_first_use_in_WAL_mode()
    {
        using var cli = new CliRunner();
        var path = Path.Combine(cli.Folder, "nested", "deeper", "books.db");

        await cli.OkAsync("init", "--db", path);

        File.Exists(path).Should().BeTrue();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }
}
