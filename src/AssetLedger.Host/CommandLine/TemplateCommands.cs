using System.CommandLine;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Organizations;
using AssetLedger.Host.Imports;

namespace AssetLedger.Host.CommandLine;

/// <summary><c>template vouchers|opening|assets|resources|contracts|budgets --out FILE.xlsx [--org CODE]</c>.</summary>
internal static class TemplateCommands
{
    public static Command Build(CliEnvironment env)
    {
        var kind = new Argument<string>("KIND") { Description = "vouchers | opening | assets | resources | contracts | budgets" };
        kind.AcceptOnlyFromAmong("vouchers", "opening", "assets", "resources", "contracts", "budgets");
        var output = new Option<FileInfo>("--out") { Description = "The .xlsx file to write", Required = true };
        var org = new Option<string?>("--org") { Description = "A village or group: its chart (with its detail accounts) fills the account lists; default: the standard chart" };
        var command = new Command("template", "A blank .xlsx template for an import, with drop-down lists; fill it in and import it as you would a CSV file")
        {
            kind, output, org,
        };
        command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            IReadOnlyList<(string Code, string Name)> accounts;
            if (parse.GetValue(org) is { } code)
            {
                var books = sp.GetRequiredService<BookDirectory>();
                var book = await books.FindBookAsync(code, ct);
                if (!book.Succeeded)
                {
                    return await Cli.RejectAsync(env, book.Errors);
                }

                var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
                accounts = chart.Postable.Select(a => (a.Code, chart.FullName(a))).ToList();
            }
            else
            {
                var parents = StandardChart.Chart2023.Select(a => a.ParentCode).OfType<string>().ToHashSet();
                accounts = StandardChart.Chart2023.Where(a => !parents.Contains(a.Code)).Select(a => (a.Code, a.Name)).ToList();
            }

            var file = parse.GetValue(output)!;
            var bytes = ImportTemplates.Build(Enum.Parse<TemplateKind>(parse.GetValue(kind)!, ignoreCase: true), accounts);
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            await env.Output.WriteLineAsync($"wrote {file.FullName}");
            return Cli.Ok;
        }, ct));
        return command;
    }
}
