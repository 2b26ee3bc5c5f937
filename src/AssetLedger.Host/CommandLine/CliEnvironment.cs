namespace AssetLedger.Host.CommandLine;

/// <summary>
/// What a command-line run talks to: its output streams, its clock (tests pass a fake clock) and its configuration
/// (<c>appsettings.json</c> beside the program, then environment variables such as <c>Smtp__Host</c>), and where a
/// secret is read from: standard input when it is redirected, else a prompt on the terminal that does not echo.
/// </summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, TimeProvider Time, IConfiguration Configuration, TextReader? Input = null)
{
    public static CliEnvironment Console() => new(System.Console.Out, System.Console.Error, TimeProvider.System, new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build(), System.Console.IsInputRedirected ? System.Console.In : null);

    /// <summary>A secret: the first line of the input given (a pipe, a file, a test's text), or typed at a prompt without echo; null when there is neither.</summary>
    public async Task<string?> ReadSecretAsync(string prompt)
    {
        if (Input is not null)
        {
            return (await Input.ReadLineAsync())?.TrimEnd('\r');
        }

        if (System.Console.IsInputRedirected || !Environment.UserInteractive)
        {
            return null;
        }

        await Error.WriteAsync(prompt);
        var typed = new System.Text.StringBuilder();
        while (System.Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        await Error.WriteLineAsync();
        return typed.ToString();
    }
}
