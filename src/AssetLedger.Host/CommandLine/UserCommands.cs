using System.CommandLine;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Reports;

namespace AssetLedger.Host.CommandLine;

/// <summary><c>user add|password|grant|revoke|list|token|revoke-token</c>: accounts, passwords, roles, scopes and API tokens.</summary>
internal static class UserCommands
{
    public static Command Build(CliEnvironment env)
    {
        var name = new Argument<string>("USER") { Description = "The sign-in name" };
        var password = new Option<string?>("--password")
        {
            Description = "At least 8 characters with a digit, a lower- and an upper-case letter (stored hashed). Better left out: it is then read from standard input, or asked for without echo, and stays out of the shell's history",
        };
        var display = new Option<string?>("--name") { Description = "The person's name as shown, e.g. 李四" };
        var add = new Command("add", "Add a user who can sign in; grant them a role next") { name, password, display };
        add.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await PasswordAsync(env, parse.GetValue(password), parse.GetValue(name)!) is not { } secret)
            {
                return await Cli.RejectAsync(env, [NoPassword]);
            }

            var result = await sp.GetRequiredService<UserAdministration>().AddAsync(parse.GetValue(name)!, secret, parse.GetValue(display), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"added user {result.Value.UserName}");
            return Cli.Ok;
        }, ct));

        var passwordUser = new Argument<string>("USER") { Description = "The sign-in name" };
        var setPassword = new Command("password", "Set a user's password, read from standard input or asked for without echo; every session and API token of the user ends") { passwordUser };
        setPassword.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await PasswordAsync(env, null, parse.GetValue(passwordUser)!) is not { } secret)
            {
                return await Cli.RejectAsync(env, [NoPassword]);
            }

            var result = await sp.GetRequiredService<UserAdministration>().SetPasswordAsync(parse.GetValue(passwordUser)!, secret, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"set the password of {parse.GetValue(passwordUser)}; every session ended and {result.Value} API tokens revoked");
            return Cli.Ok;
        }, ct));

        var grantUser = new Argument<string>("USER") { Description = "The sign-in name" };
        var role = new Option<string>("--role") { Description = "admin (管理员) | accountant (会计/报账员) | supervisor (监管员) | auditor (审计员)", Required = true };
        role.AcceptOnlyFromAmong("admin", "accountant", "supervisor", "auditor");
        var scope = new Option<string?>("--scope") { Description = "The organization the role reaches: a book for an accountant, a township for a supervisor, a county or township for an auditor; none for an admin" };
        var grant = new Command("grant", "Grant a user a role over an organization and everything under it; granting it again changes nothing") { grantUser, role, scope };
        grant.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var r = Enum.Parse<AccessRole>(parse.GetValue(role)!, ignoreCase: true);
            var result = await sp.GetRequiredService<UserAdministration>().GrantAsync(parse.GetValue(grantUser)!, r, parse.GetValue(scope), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"{parse.GetValue(grantUser)} is {parse.GetValue(role)}{(parse.GetValue(scope) is { } s ? $" of {s}" : " everywhere")}");
            return Cli.Ok;
        }, ct));

        var revokeUser = new Argument<string>("USER") { Description = "The sign-in name" };
        var revokeRole = new Option<string>("--role") { Description = "The role to take back: admin | accountant | supervisor | auditor", Required = true };
        revokeRole.AcceptOnlyFromAmong("admin", "accountant", "supervisor", "auditor");
        var revokeScope = new Option<string?>("--scope") { Description = "The organization it was granted over (none for an admin)" };
        var reason = new Option<string>("--reason") { Description = "Why, kept in the grants' history (e.g. 调离岗位)", Required = true };
        var revoke = new Command("revoke", "Take back a role over an organization; from the next request on it reaches nothing") { revokeUser, revokeRole, revokeScope, reason };
        revoke.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var r = Enum.Parse<AccessRole>(parse.GetValue(revokeRole)!, ignoreCase: true);
            var result = await sp.GetRequiredService<UserAdministration>().RevokeAsync(parse.GetValue(revokeUser)!, r, parse.GetValue(revokeScope), parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"{parse.GetValue(revokeUser)} is no longer {parse.GetValue(revokeRole)}{(parse.GetValue(revokeScope) is { } s ? $" of {s}" : string.Empty)}");
            return Cli.Ok;
        }, ct));

        var list = new Command("list", "Every user with their roles and scopes, and the labels of their valid API tokens");
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var table = new TextTable(("user", false), ("name", false), ("roles", false), ("tokens", false), ("locked", false));
            foreach (var v in await sp.GetRequiredService<UserAdministration>().ListAsync(ct))
            {
                table.Add(v.User.UserName ?? string.Empty, v.User.DisplayName ?? string.Empty,
                    string.Join(", ", v.Grants.Select(g => g.Role.ToString().ToLowerInvariant() + (g.Scope is null ? string.Empty : $"@{g.Scope}"))),
                    string.Join(", ", v.TokenLabels),
                    v.User.LockoutEnd is { } end && end > env.Time.GetUtcNow() ? $"until {end:yyyy-MM-dd HH:mm}" : string.Empty);
            }

            table.Write(env.Output);
            return Cli.Ok;
        }, ct));

        var tokenUser = new Argument<string>("USER") { Description = "The sign-in name" };
        var label = new Option<string>("--label") { Description = "What the token is for, e.g. 镇三资系统对接", Required = true };
        var token = new Command("token", "Issue a personal API token (Authorization: Bearer …); it is shown once and only its hash is kept") { tokenUser, label };
        token.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<UserAdministration>().IssueTokenAsync(parse.GetValue(tokenUser)!, parse.GetValue(label)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync(result.Value);
            return Cli.Ok;
        }, ct));

        var revokeTokenUser = new Argument<string>("USER") { Description = "The sign-in name" };
        var revokeLabel = new Option<string>("--label") { Description = "The label the token was issued with", Required = true };
        var revokeToken = new Command("revoke-token", "Revoke the user's API tokens with the label; they stop working at once") { revokeTokenUser, revokeLabel };
        revokeToken.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<UserAdministration>().RevokeTokensAsync(parse.GetValue(revokeTokenUser)!, parse.GetValue(revokeLabel)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"revoked {result.Value} token(s) of {parse.GetValue(revokeTokenUser)} labelled '{parse.GetValue(revokeLabel)}'");
            return Cli.Ok;
        }, ct));

        return new Command("user", "Users, roles and scopes (用户与权限)") { add, setPassword, grant, revoke, list, token, revokeToken };
    }

    private static readonly Core.Common.LedgerError NoPassword = new("user.password_missing",
        "no password was given: pipe it to standard input (echo … | user add NAME) or type it at the prompt");

    /// <summary>The password given with <c>--password</c>, else read from standard input or a prompt.</summary>
    private static async Task<string?> PasswordAsync(CliEnvironment env, string? given, string user) =>
        given ?? await env.ReadSecretAsync($"password for {user}: ");
}
