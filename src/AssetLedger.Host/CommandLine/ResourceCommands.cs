using System.CommandLine;
using AssetLedger.Core.Import;
using AssetLedger.Core.Resources;
using AssetLedger.Host.Reports;

namespace AssetLedger.Host.CommandLine;

/// <summary>The resource register: <c>resource import|list|change</c>.</summary>
internal static class ResourceCommands
{
    public static Command Build(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: code,name,type,area[,location,east,south,west,north,certificate,mode,operator]" };
        var org = new Option<string>("--org") { Description = "Organization code (a village or group: its book)", Required = true };
        var import = new Command("import", "Register land and waters from a CSV file, all or nothing") { file, org };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<ResourceRegister>().ImportAsync(parse.GetValue(org)!, stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                await env.Output.WriteLineAsync($"registered {result.Value.Registered} resources; {result.Value.AlreadyRegistered} already registered with the same facts");
                return Cli.Ok;
            }
        }, ct));

        var listOrg = new Option<string>("--org") { Description = "A village or group; a township or county lists every book under it", Required = true };
        var listOut = Cli.WorkbookOption();
        var list = new Command("list", "资源台账: area, type, operating mode, operator, as the register stands") { listOrg, listOut };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var books = await Cli.BooksAsync(sp, parse.GetValue(listOrg)!, ct);
            if (!books.Succeeded)
            {
                return await Cli.RejectAsync(env, books.Errors);
            }

            var table = new TableReport("资源台账", [("单位", false, 10), ("编号", false, 10), ("名称", false, 20), ("类型", false, 12), ("面积(亩)", true, 12),
                ("坐落", false, 20), ("经营方式", false, 10), ("经营者", false, 16)]);
            foreach (var b in books.Value)
            {
                var views = (await sp.GetRequiredService<ResourceRegister>().ListAsync(b.Organization.Code, ct)).Value;
                table.Sheet($"{b.Organization.Name}（{b.Organization.Code}）", $"{b.Organization.Name}（{b.Organization.Code}）");
                foreach (var v in views)
                {
                    table.Add(b.Organization.Code, v.Resource.Code, v.Resource.Name, ResourceNames.Name(v.Type), v.Area.Mu, v.Resource.Location, ResourceNames.Name(v.Mode), v.Operator);
                }

                table.Add(b.Organization.Code, null, "合计", null, views.Sum(v => v.Area.Mu));
            }

            return await Cli.WriteAsync(env, sp, table, parse.GetValue(listOut));
        }, ct));

        var changeOrg = new Option<string>("--org") { Description = "Organization code", Required = true };
        var resource = new Option<string>("--resource") { Description = "The resource's code (编号)", Required = true };
        var date = new Option<string>("--date") { Description = "YYYY-MM-DD", Required = true };
        var area = new Option<string?>("--area") { Description = "The new area in 亩" };
        var type = new Option<string?>("--type") { Description = "The new type: 耕地, 林地, 草地, 园地, 滩涂, 水面, 四荒地, 集体建设用地, 其他" };
        var mode = new Option<string?>("--mode") { Description = "The new operating mode: 家庭承包, 发包, 出租, 入股, 自营, 闲置" };
        var @operator = new Option<string?>("--operator") { Description = "The new operator (承包方/承租方)" };
        var reason = new Option<string>("--reason") { Description = "Why, e.g. the resolution that decided it", Required = true };
        var change = new Command("change", "Record a change of area, type, operating mode or operator (each an event)") { changeOrg, resource, date, area, type, mode, @operator, reason };
        change.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = CsvTable.ParseDate(parse.GetValue(date)!);
            var requested = ResourceChange.Parse(parse.GetValue(area), parse.GetValue(type), parse.GetValue(mode), parse.GetValue(@operator), prefix: "--");
            var errors = d.Errors.Select(e => e.At("--date")).Concat(requested.Errors).ToList();
            if (errors.Count > 0)
            {
                return await Cli.RejectAsync(env, errors);
            }

            var result = await sp.GetRequiredService<ResourceRegister>().ChangeAsync(parse.GetValue(changeOrg)!, parse.GetValue(resource)!, d.Value,
                requested.Value, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var v = result.Value;
            await env.Output.WriteLineAsync($"{v.Resource.Code} {v.Resource.Name}: {v.Area}, {ResourceNames.Name(v.Type)}, {ResourceNames.Name(v.Mode)}{(v.Operator is null ? string.Empty : ", " + v.Operator)}");
            return Cli.Ok;
        }, ct));

        return new Command("resource", "The register of collective land and waters (资源台账)") { import, list, change };
    }
}
