using System.CommandLine;
using System.Data.Common;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Database;
using AssetLedger.Host.Notifications;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssetLedger.Host.CommandLine;

/// <summary>
/// The command line: <c>dotnet run --project src/AssetLedger.Host -- &lt;verb&gt;</c>. Each verb runs as one unit of
/// work against the database that <c>Database:Provider</c> and <c>Database:ConnectionString</c> name — by default the
/// SQLite file named by <c>--db</c>, <c>ASSETLEDGER_DB</c> or <c>./data/assetledger.db</c> — created and migrated on
/// first use (<see cref="DatabaseConfiguration"/>). Exit codes: 0 done; 1 input rejected (nothing written) or verify failed;
/// 2 usage error; 70 an unexpected failure.
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int Failure = 70;

    internal static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite database file (default: $ASSETLEDGER_DB, else ./data/assetledger.db); with Database__Provider=PostgreSql, Database__ConnectionString names the database instead",
        Recursive = true,
    };

    internal static readonly Option<string?> UserOption = new("--user")
    {
        Description = "Who is acting, for the audit log (default: $ASSETLEDGER_USER, else the OS user)",
        Recursive = true,
    };

    public static Task<int> RunAsync(string[] args, CancellationToken ct = default) =>
        RunAsync(args, CliEnvironment.Console(), ct);

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var root = new RootCommand("AssetLedger: the books and supervision of village collectives' funds, assets and resources (农村集体三资).")
        {
            DbOption,
            UserOption,
        };
        foreach (var command in LedgerCommands.Build(env))
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await env.Error.WriteLineAsync($"error: {error.Message}");
            }

            await env.Error.WriteLineAsync("Run with --help to see the usage.");
            return Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = env.Output, Error = env.Error, EnableDefaultExceptionHandler = false }, ct);
    }

    /// <summary>Runs <paramref name="body"/> in a fresh unit of work on a migrated database; no exception escapes.</summary>
    internal static async Task<int> WithLedgerAsync(
        ParseResult parse, CliEnvironment env, Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var database = DatabaseConfiguration.From(env.Configuration, parse.GetValue(DbOption));
        if (!database.Succeeded)
        {
            return await RejectAsync(env, database.Errors);
        }

        var user = parse.GetValue(UserOption) is { Length: > 0 } u ? u
            : Environment.GetEnvironmentVariable("ASSETLEDGER_USER") is { Length: > 0 } e ? e
            : Environment.UserName;
        if (TextRules.Check("--user", user, 100) is { } userError)
        {
            return await RejectAsync(env, [userError]);
        }

        var mail = MailConfiguration.From(env.Configuration, database.Value);
        if (!mail.Succeeded)
        {
            return await RejectAsync(env, mail.Errors);
        }

        var imports = Imports.ImportConfiguration.From(env.Configuration);
        if (!imports.Succeeded)
        {
            return await RejectAsync(env, imports.Errors);
        }

        var services = new ServiceCollection().AddAssetLedger(database.Value, env.Time, new Actor(user), mail.Value);
        services.Replace(ServiceDescriptor.Singleton(imports.Value));
        try
        {
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            await LedgerDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<LedgerDbContext>(), ct);
            await RulesDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<RulesDbContext>(), ct);
            await Accounts.AccountsDbContext.MigrateAsync(scope.ServiceProvider.GetRequiredService<Accounts.AccountsDbContext>(), ct);
            return await body(scope.ServiceProvider, ct);
        }
        catch (OperationCanceledException)
        {
            await env.Error.WriteLineAsync("cancelled; nothing was written");
            return Failure;
        }
        catch (Exception ex)
        {
            // The command line's outer boundary: whatever went wrong is said in a sentence, never as a stack trace.
            await env.Error.WriteLineAsync($"error: {Describe(ex)}");
            return Failure;
        }
        finally
        {
            database.Value.ClearPools();
        }
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is DbException db ? $"database: {db.Message}" : inner.Message;
    }

    internal static async Task<int> RejectAsync(CliEnvironment env, IReadOnlyList<LedgerError> errors)
    {
        foreach (var e in errors)
        {
            await env.Error.WriteLineAsync($"error: {e}");
        }

        await env.Error.WriteLineAsync(errors.Count == 1 ? "Nothing was written." : $"{errors.Count} errors; nothing was written.");
        return Rejected;
    }

    /// <summary><c>--out FILE.xlsx</c> of a register or list: the workbook instead of the text table.</summary>
    internal static Option<FileInfo?> WorkbookOption() => new("--out") { Description = "Write an .xlsx workbook to this file instead of the table on the screen" };

    /// <summary>Writes a file beside its target and moves it into place: a failure leaves no half-written file.</summary>
    internal static async Task WriteFileAsync(CliEnvironment env, FileInfo file, Action<Stream> write)
    {
        var partial = file.FullName + ".partial";
        await using (var stream = File.Create(partial))
        {
            write(stream);
        }

        File.Move(partial, file.FullName, overwrite: true);
        await env.Output.WriteLineAsync($"wrote {file.FullName}");
    }

    /// <summary>A register or list: as a text table, or with <c>--out</c> as a workbook made by <paramref name="sp"/>'s actor today.</summary>
    internal static async Task<int> WriteAsync(CliEnvironment env, IServiceProvider sp, TableReport table, FileInfo? file)
    {
        if (file is null)
        {
            table.WriteText(env.Output);
            return Ok;
        }

        var maker = new WorkbookMaker(sp.GetRequiredService<Actor>().Name, LedgerClock.Today(env.Time));
        await WriteFileAsync(env, file, stream => table.WriteXlsx(stream, maker));
        return Ok;
    }

    /// <summary>The books a register lists: the organization's own, or every one under a township or county.</summary>
    internal static async Task<Outcome<IReadOnlyList<BookRef>>> BooksAsync(IServiceProvider sp, string orgCode, CancellationToken ct) =>
        await sp.GetRequiredService<BookDirectory>().FindBooksUnderAsync(orgCode, ct);

    /// <summary>Opens an input file, or says plainly why it cannot be read.</summary>
    internal static async Task<Stream?> OpenAsync(CliEnvironment env, FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await env.Error.WriteLineAsync($"error: cannot read {file.FullName}: {ex.Message}");
            await env.Error.WriteLineAsync("Nothing was written.");
            return null;
        }
    }
}
