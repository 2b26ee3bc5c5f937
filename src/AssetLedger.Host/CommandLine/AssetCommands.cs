using System.CommandLine;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Reports;

namespace AssetLedger.Host.CommandLine;

/// <summary>The fixed-asset register: <c>asset …</c> and <c>depreciation …</c>.</summary>
internal static class AssetCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        yield return Asset(env);
        yield return Depreciation(env);
    }

    private static Option<string> Org() => new("--org") { Description = "Organization code (a village or group: its book)", Required = true };

    private static Option<string> AssetCode() => new("--asset") { Description = "The asset's code (编号)", Required = true };

    private static Command Asset(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated" };
        var org = Org();
        var import = new Command("import", "Register asset cards from a CSV file, all or nothing; the same card again changes nothing") { file, org };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<AssetRegister>().ImportAsync(parse.GetValue(org)!, stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                await env.Output.WriteLineAsync($"registered {result.Value.Registered} asset cards; {result.Value.AlreadyRegistered} already registered with the same facts");
                if (result.Value.CostShort.IsPositive || result.Value.DepreciationShort.IsPositive)
                {
                    await env.Output.WriteLineAsync($"note: accounts 151 and 152 still hold {result.Value.CostShort} of cost and {result.Value.DepreciationShort} of accumulated depreciation that no card registers; `verify` fails until they are registered");
                }
                return Cli.Ok;
            }
        }, ct));

        var listOrg = new Option<string>("--org") { Description = "A village or group; a township or county lists every book under it", Required = true };
        var listOut = Cli.WorkbookOption();
        var list = new Command("list", "固定资产台账: each card with its status, accumulated depreciation and book value") { listOrg, listOut };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var books = await Cli.BooksAsync(sp, parse.GetValue(listOrg)!, ct);
            if (!books.Succeeded)
            {
                return await Cli.RejectAsync(env, books.Errors);
            }

            var table = new TableReport("固定资产台账", [("单位", false, 10), ("编号", false, 10), ("名称", false, 20), ("类别", false, 12), ("开始使用", false, 12),
                ("原值", true, 15), ("累计折旧", true, 15), ("净值", true, 15), ("状态", false, 16)]);
            foreach (var b in books.Value)
            {
                table.Sheet($"{b.Organization.Name}（{b.Organization.Code}）", $"{b.Organization.Name}（{b.Organization.Code}）");
                foreach (var v in (await sp.GetRequiredService<AssetRegister>().ListAsync(b.Organization.Code, ct)).Value)
                {
                    table.Add(b.Organization.Code, v.Asset.Code, v.Asset.Name, v.Asset.Category, v.Asset.Acquired, Money.FromFen(v.Asset.Cost),
                        Money.FromFen(v.State.Accumulated), Money.FromFen(v.State.BookValue),
                        v.State.Disposed is { } d ? $"已处置 {d:yyyy-MM-dd}" : AssetStatusNames.Name(v.State.Status));
                }
            }

            return await Cli.WriteAsync(env, sp, table, parse.GetValue(listOut));
        }, ct));

        var disposeOrg = Org();
        var disposeAsset = AssetCode();
        var date = new Option<string>("--date") { Description = "YYYY-MM-DD, in an open month", Required = true };
        var reason = new Option<string>("--reason") { Description = "出售, 报废, 毁损, 盘亏 or 对外投资", Required = true };
        var proceeds = new Option<string?>("--proceeds") { Description = "What the disposal brought in (元); default 0" };
        var account = new Option<string>("--account") { Description = "Where the proceeds went: 102 (default) or 101", DefaultValueFactory = _ => "102" };
        var dispose = new Command("dispose", "Take an asset off the books through 154 固定资产清理 (gain to 504, loss to 515)") { disposeOrg, disposeAsset, date, reason, proceeds, account };
        dispose.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = CsvTable.ParseDate(parse.GetValue(date)!);
            var amount = Money.ParseOrZero(parse.GetValue(proceeds));
            var errors = d.Errors.Select(e => e.At("--date")).Concat(amount.Errors.Select(e => e.At("--proceeds"))).ToList();
            if (errors.Count > 0)
            {
                return await Cli.RejectAsync(env, errors);
            }

            var result = await sp.GetRequiredService<AssetRegister>().DisposeAsync(
                parse.GetValue(disposeOrg)!, parse.GetValue(disposeAsset)!, d.Value, parse.GetValue(reason)!, amount.Value, parse.GetValue(account)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var (view, voucher) = result.Value;
            await env.Output.WriteLineAsync($"disposed of {view.Asset.Code} {view.Asset.Name} by {voucher.DisplayNumber}: book value {Money.FromFen(view.State.BookValue)}, proceeds {amount.Value}");
            return Cli.Ok;
        }, ct));

        var statusOrg = Org();
        var statusAsset = AssetCode();
        var status = new Option<string>("--status") { Description = "在用 (自营), 出租, 出借, 发包 or 闲置", Required = true };
        var statusDate = new Option<string>("--date") { Description = "YYYY-MM-DD", Required = true };
        var counterparty = new Option<string?>("--counterparty") { Description = "The lessee or borrower (required for 出租, 出借, 发包)" };
        var statusReason = new Option<string>("--reason") { Description = "Why, e.g. the resolution that decided it", Required = true };
        var changeStatus = new Command("status", "Record a status change (no voucher): 出租, 出借, 发包, 闲置, 在用") { statusOrg, statusAsset, status, statusDate, counterparty, statusReason };
        changeStatus.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = CsvTable.ParseDate(parse.GetValue(statusDate)!);
            if (!d.Succeeded)
            {
                return await Cli.RejectAsync(env, d.Errors.Select(e => e.At("--date")).ToList());
            }

            if (AssetStatusNames.Parse(parse.GetValue(status)!) is not { } s)
            {
                return await Cli.RejectAsync(env, [new LedgerError("asset.status_invalid", $"'{parse.GetValue(status)}' is not a status: {AssetStatusNames.Choices}", "--status")]);
            }

            var result = await sp.GetRequiredService<AssetRegister>().ChangeStatusAsync(
                parse.GetValue(statusOrg)!, parse.GetValue(statusAsset)!, s, d.Value, parse.GetValue(counterparty), parse.GetValue(statusReason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"{result.Value.Asset.Code} {result.Value.Asset.Name} is now {AssetStatusNames.Name(result.Value.State.Status)}");
            return Cli.Ok;
        }, ct));

        var usageOrg = Org();
        var usageAsset = AssetCode();
        var period = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var units = new Option<long>("--units") { Description = "Units of work done in the month (hours, km, …)", Required = true };
        var usage = new Command("usage", "Record a month's work of a 工作量法 asset") { usageOrg, usageAsset, period, units };
        usage.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(period));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var result = await sp.GetRequiredService<AssetRegister>().RecordUsageAsync(parse.GetValue(usageOrg)!, parse.GetValue(usageAsset)!, p.Value, parse.GetValue(units), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"recorded {result.Value} units for {p.Value}");
            return Cli.Ok;
        }, ct));

        return new Command("asset", "The fixed-asset register (固定资产台账)") { import, list, dispose, changeStatus, usage };
    }

    private static Command Depreciation(CliEnvironment env)
    {
        var org = Org();
        var period = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var run = new Command("run", "Post the month's depreciation voucher (401/513/514 ← 152); running a month again changes nothing") { org, period };
        run.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(period));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var result = await sp.GetRequiredService<DepreciationRuns>().RunAsync(parse.GetValue(org)!, p.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var r = result.Value;
            await env.Output.WriteLineAsync(r switch
            {
                { AlreadyRun: true } => $"{r.Period} was already depreciated by {r.Voucher?.DisplayNumber}: {r.Assets} assets, {r.Total}; nothing changed",
                { Voucher: null } => $"{r.Period}: no asset is due depreciation; nothing posted",
                _ => $"depreciated {r.Assets} assets for {r.Period}: {r.Total} by {r.Voucher?.DisplayNumber}",
            });
            return Cli.Ok;
        }, ct));

        var reverseOrg = Org();
        var reversePeriod = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var date = new Option<string?>("--date") { Description = "Date of the red-ink reversal (default: the month's last day)" };
        var reverse = new Command("reverse", "Reverse the month's depreciation voucher in red ink; the month can then run again") { reverseOrg, reversePeriod, date };
        reverse.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(reversePeriod));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var d = parse.GetValue(date) is { } text ? CsvTable.ParseDate(text) : Outcome<DateOnly>.Success(p.Value.LastDay);
            if (!d.Succeeded)
            {
                return await Cli.RejectAsync(env, d.Errors.Select(e => e.At("--date")).ToList());
            }

            var result = await sp.GetRequiredService<DepreciationRuns>().ReverseAsync(parse.GetValue(reverseOrg)!, p.Value, d.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"reversed the depreciation of {p.Value} by {result.Value.DisplayNumber}");
            return Cli.Ok;
        }, ct));
        return new Command("depreciation", "Monthly depreciation (计提折旧)") { run, reverse };
    }
}
