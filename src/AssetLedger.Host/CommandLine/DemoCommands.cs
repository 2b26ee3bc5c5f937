using System.CommandLine;
using AssetLedger.Host.Demo;

namespace AssetLedger.Host.CommandLine;

/// <summary><c>demo generate</c> and <c>demo load</c>: the demo county (清河县).</summary>
internal static class DemoCommands
{
    public const string SamplesFolder = "samples/demo-county";

    public static Command Build(CliEnvironment env)
    {
        var output = new Option<string>("--out") { Description = $"Where to write the files (default: {SamplesFolder})", DefaultValueFactory = _ => SamplesFolder };
        var generate = new Command("generate", "Write the demo county's import files again, from its fixed seed") { output };
        generate.SetAction(async (parse, ct) =>
        {
            var files = DemoCounty.Generate(parse.GetValue(output)!);
            await env.Output.WriteLineAsync($"wrote {files.Count} files to {Path.GetFullPath(parse.GetValue(output)!)}");
            return Cli.Ok;
        });

        var from = new Option<string?>("--from") { Description = "A folder of demo files (default: the copy of samples/demo-county built into the program)" };
        var load = new Command("load", "Load the demo county into an empty database: 3 townships, 12 villages, the year 2025, alerts and subscribers") { from };
        load.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await DemoLoader.LoadAsync(sp, parse.GetValue(from), ct);
            if (result.Errors is [{ Code: "demo.not_empty" }])
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            if (!result.Succeeded)
            {
                foreach (var e in result.Errors)
                {
                    await env.Error.WriteLineAsync($"error: {e}");
                }

                await env.Error.WriteLineAsync("The demo county was loaded only in part: delete the database file and load it again.");
                return Cli.Rejected;
            }

            var r = result.Value;
            await env.Output.WriteLineAsync($"loaded the demo county: {r.Organizations} organizations, {r.Vouchers} vouchers, {r.Alerts} alerts raised");
            return Cli.Ok;
        }, ct));

        return new Command("demo", "The demo county (清河县) for trying the product") { generate, load };
    }
}
