using AssetLedger.Host.Web;

namespace AssetLedger.Host.Tests.CommandLine;

/// <summary><c>Database:Provider</c> and <c>Database:ConnectionString</c>: what is accepted, and what is refused before anything is written.</summary>
public sealed class DatabaseSettingsTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData("Oracle", null, "Database:Provider 'Oracle' is not one of Sqlite, PostgreSql")]
    [InlineData("PostgreSql", null, "Database:ConnectionString is required when Database:Provider is PostgreSql")]
    [InlineData("PostgreSql", "Nonsense=1", "Database:ConnectionString is not a PostgreSQL connection string")]
    [InlineData("PostgreSql", "Host=127.0.0.1", "Database:ConnectionString must name the server (Host=…) and the database (Database=…)")]
    [InlineData("Sqlite", "Data Source=:memory:", "Database:ConnectionString for SQLite must name a file")]
    public async Task A_bad_database_setting_is_refused_with_a_sentence_naming_it_and_nothing_is_written(string provider, string? connection, string message)
    {
        cli.Settings["Database:Provider"] = provider;
        cli.Settings["Database:ConnectionString"] = connection;
        var file = Path.Combine(cli.Folder, "never.db");

        var command = await cli.RunAsync("org", "add", "3301", "清河县", "--level", "county", "--db", string.Empty); // no file named: the settings decide
        var server = WebApp.Build(["--Database:Provider", provider, "--Database:ConnectionString", connection ?? string.Empty, "--Database:Path", file], cli.Clock);

        command.ExitCode.Should().Be(1, command.ToString());
        command.Error.Should().Contain(message).And.Contain("Nothing was written").And.NotContain("   at ");
        server.Succeeded.Should().BeFalse();
        server.Errors.Should().ContainSingle().Which.Message.Should().Contain(message);
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public async Task The_db_option_is_refused_when_the_provider_is_PostgreSql()
    {
        cli.Settings["Database:Provider"] = "PostgreSql";
        cli.Settings["Database:ConnectionString"] = "Host=127.0.0.1;Database=assetledger";
        var file = Path.Combine(cli.Folder, "books.db");

        var result = await cli.RunAsync("init", "--db", file);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--db names a SQLite file, but Database:Provider is PostgreSql");
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public async Task A_SQLite_connection_string_names_the_file_instead_of_a_path()
    {
        var file = Path.Combine(cli.Folder, "from-connection-string.db");
        cli.Settings["Database:Provider"] = "sqlite"; // the provider's name in any case
        cli.Settings["Database:ConnectionString"] = $"Data Source={file}";

        var result = await cli.RunAsync("init", "--db", string.Empty);

        result.ExitCode.Should().Be(0, result.ToString());
        File.Exists(file).Should().BeTrue();
    }
}
