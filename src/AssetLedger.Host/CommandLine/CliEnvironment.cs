namespace AssetLedger.Host.CommandLine;

/// <summary>
/// What a command-line run talks to: its output streams, its clock (tests pass a fake clock) and its configuration
/// (<c>appsettings.json</c> beside the program, then environment variables such as <c>Smtp__Host</c>).
/// </summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, TimeProvider Time, IConfiguration Configuration)
{
    public static CliEnvironment Console() => new(System.Console.Out, System.Console.Error, TimeProvider.System, new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build());
}
