using AssetLedger.Host.Tests.CommandLine;

namespace AssetLedger.Host.Tests.Accounts;

/// <summary><c>user add|grant|list</c>: Identity's accounts, and grants that fit the organization they reach.</summary>
public sealed class UserCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private object? Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Core.Persistence.LedgerDatabase.SqliteConnectionString(cli.DatabasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public async Task A_user_is_added_with_a_hashed_password_and_granted_roles_that_fit_their_organizations()
    {
        await cli.CountyWithVillageAsync();

        var added = await cli.OkAsync("user", "add", "lisi", "--password", "Dongfeng2025", "--name", "李四");
        var accountant = await cli.OkAsync("user", "grant", "lisi", "--role", "accountant", "--scope", "33010101");
        var again = await cli.OkAsync("user", "grant", "lisi", "--role", "accountant", "--scope", "33010101");
        await cli.OkAsync("user", "add", "wangwu", "--password", "Chengguan2025");
        await cli.OkAsync("user", "grant", "wangwu", "--role", "supervisor", "--scope", "330101");
        var list = await cli.OkAsync("user", "list");

        added.Should().Contain("added user lisi");
        accountant.Should().Contain("lisi is accountant of 33010101");
        again.Should().Contain("accountant");
        list.Should().Contain("李四").And.Contain("accountant@33010101").And.Contain("supervisor@330101");
        Sql("SELECT count(*) FROM access_grants").Should().Be(2L, "granting the same role again changes nothing");
        ((string)Sql("SELECT PasswordHash FROM AspNetUsers WHERE UserName = 'lisi'")!).Should().NotContain("Dongfeng2025").And.StartWith("AQAAAA");
        var edit = () => Sql("UPDATE access_grants SET Role = 'Admin'");
        edit.Should().Throw<Microsoft.Data.Sqlite.SqliteException>("grants are append-only");
    }

    [Fact]
    public async Task Weak_passwords_unknown_users_and_grants_on_the_wrong_kind_of_organization_are_named_and_change_nothing()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("user", "add", "lisi", "--password", "Dongfeng2025");

        var weak = await cli.RunAsync("user", "add", "zhaoliu", "--password", "123");
        var duplicate = await cli.RunAsync("user", "add", "lisi", "--password", "Another2025x");
        var unknown = await cli.RunAsync("user", "grant", "nobody", "--role", "auditor", "--scope", "3301");
        var township = await cli.RunAsync("user", "grant", "lisi", "--role", "accountant", "--scope", "330101");
        var adminScope = await cli.RunAsync("user", "grant", "lisi", "--role", "admin", "--scope", "3301");
        var noScope = await cli.RunAsync("user", "grant", "lisi", "--role", "supervisor");

        weak.Error.Should().Contain("at least 8 characters");
        duplicate.Error.Should().Contain("lisi").And.Contain("already taken");
        unknown.Error.Should().Contain("there is no user 'nobody'");
        township.Error.Should().Contain("an accountant is granted on a village or group (a book); 城关镇 (330101) is a township");
        adminScope.Error.Should().Contain("give no --scope");
        noScope.Error.Should().Contain("needs a --scope");
        Sql("SELECT count(*) FROM AspNetUsers").Should().Be(1L);
        Sql("SELECT count(*) FROM access_grants").Should().Be(0L);
    }

    [Theory]
    [InlineData("user", "add")]
    [InlineData("user", "grant")]
    [InlineData("user", "list")]
    [InlineData("demo", "generate")]
    [InlineData("demo", "load")]
    [InlineData("contract", "list")]
    [InlineData("report", "disclosure")]
    public async Task Every_new_verb_has_help(string noun, string verb) =>
        (await cli.RunAsync(noun, verb, "--help")).Output.Should().Contain("Usage:");
}
