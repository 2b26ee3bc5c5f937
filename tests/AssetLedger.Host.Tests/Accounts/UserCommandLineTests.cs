using AssetLedger.Host.Tests.CommandLine;

namespace AssetLedger.Host.Tests.Accounts;

/// <summary><c>user add|password|grant|revoke|list|token|revoke-token</c>: Identity's accounts, grants that fit the organization they reach, and their revocation.</summary>
public sealed class UserCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private object? Sql(string sql) => cli.Database.Scalar(sql);

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
        ((string)Sql("SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = 'lisi'")!).Should().NotContain("Dongfeng2025").And.StartWith("AQAAAA");
        var edit = () => Sql("UPDATE access_grants SET \"Role\" = 'Admin'");
        edit.Should().Throw<System.Data.Common.DbException>("grants are append-only").WithMessage("*append-only*");
    }

    [Fact]
    public async Task A_password_is_read_from_standard_input_so_that_it_stays_out_of_the_command_line()
    {
        await cli.CountyWithVillageAsync();

        cli.Input = "Dongfeng2025\n";
        var added = await cli.OkAsync("user", "add", "lisi", "--name", "李四");
        cli.Input = "weak\n";
        var weak = await cli.RunAsync("user", "password", "lisi");
        cli.Input = string.Empty;
        var none = await cli.RunAsync("user", "add", "wangwu");

        added.Should().Contain("added user lisi");
        weak.ExitCode.Should().Be(1);
        weak.Error.Should().Contain("Passwords must be at least 8 characters");
        none.ExitCode.Should().Be(1);
        none.Error.Should().Contain("no password was given");
        Sql("SELECT count(*) FROM \"AspNetUsers\"").Should().Be(1L);
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
        Sql("SELECT count(*) FROM \"AspNetUsers\"").Should().Be(1L);
        Sql("SELECT count(*) FROM access_grants").Should().Be(0L);
    }

    [Fact]
    public async Task A_revoked_role_leaves_its_step_in_the_history_and_can_be_granted_again()
    {
        await cli.CountyWithVillageAsync();
        await cli.OkAsync("user", "add", "lisi", "--password", "Dongfeng2025");
        await cli.OkAsync("user", "grant", "lisi", "--role", "accountant", "--scope", "33010101");

        var noReason = await cli.RunAsync("user", "revoke", "lisi", "--role", "accountant", "--scope", "33010101", "--reason", " ");
        var revoked = await cli.OkAsync("user", "revoke", "lisi", "--role", "accountant", "--scope", "33010101", "--reason", "调离岗位");
        var listed = await cli.OkAsync("user", "list");
        var twice = await cli.RunAsync("user", "revoke", "lisi", "--role", "accountant", "--scope", "33010101", "--reason", "调离岗位");
        await cli.OkAsync("user", "grant", "lisi", "--role", "accountant", "--scope", "33010101");

        noReason.Error.Should().Contain("reason");
        revoked.Should().Contain("lisi is no longer accountant of 33010101");
        listed.Should().NotContain("accountant@33010101");
        twice.Error.Should().Contain("nothing to revoke");
        (await cli.OkAsync("user", "list")).Should().Contain("accountant@33010101");
        Sql(cli.Database.Dialect(
            "SELECT group_concat(step, ',') FROM (SELECT Revoked || ':' || coalesce(Reason, '') AS step FROM access_grants ORDER BY Id)",
            "SELECT string_agg(CASE WHEN \"Revoked\" THEN '1' ELSE '0' END || ':' || coalesce(\"Reason\", ''), ',' ORDER BY \"Id\") FROM access_grants"))
            .Should().Be("0:,1:调离岗位,0:");
    }

    [Fact]
    public async Task A_revoked_token_is_no_longer_listed_and_revoking_an_unknown_label_says_so()
    {
        await cli.OkAsync("user", "add", "lisi", "--password", "Dongfeng2025");
        await cli.OkAsync("user", "token", "lisi", "--label", "镇三资系统对接");
        await cli.OkAsync("user", "token", "lisi", "--label", "手机报账");

        (await cli.OkAsync("user", "list")).Should().Contain("镇三资系统对接, 手机报账");
        (await cli.OkAsync("user", "revoke-token", "lisi", "--label", "手机报账")).Should().Contain("revoked 1 token(s)");
        (await cli.OkAsync("user", "list")).Should().Contain("镇三资系统对接").And.NotContain("手机报账");
        (await cli.RunAsync("user", "revoke-token", "lisi", "--label", "手机报账")).Error.Should().Contain("no token labelled '手机报账' that is still valid");
    }

    [Theory]
    [InlineData("user", "add")]
    [InlineData("user", "grant")]
    [InlineData("user", "list")]
    [InlineData("user", "revoke")]
    [InlineData("user", "revoke-token")]
    [InlineData("demo", "generate")]
    [InlineData("demo", "load")]
    [InlineData("contract", "list")]
    [InlineData("report", "disclosure")]
    public async Task Every_new_verb_has_help(string noun, string verb) =>
        (await cli.RunAsync(noun, verb, "--help")).Output.Should().Contain("Usage:");
}
