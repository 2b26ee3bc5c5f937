namespace AssetLedger.Host.CommandLine;

/// <summary>What a command-line run talks to: its output streams and its clock (tests pass a fake clock).</summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, TimeProvider Time)
{
    public static CliEnvironment Console() => new(System.Console.Out, System.Console.Error, TimeProvider.System);
}
