using System.CommandLine;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Budgets;

namespace AssetLedger.Host.CommandLine;

/// <summary>Annual budgets (年度预算): <c>budget import|adjust|report</c>.</summary>
internal static class BudgetCommands
{
    private static Option<string> Org(string description = "Organization code (a village or group: its book)") =>
        new("--org") { Description = description, Required = true };

    private static Option<int> Year() => new("--year") { Description = "The budget year, YYYY", Required = true };

    public static Command Build(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: account,amount[,m1..m12] (元; month columns optional, summing to amount)" };
        var importOrg = Org();
        var importYear = Year();
        var import = new Command("import", "Import a book's annual budget, all or nothing; the same lines again change nothing") { file, importOrg, importYear };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<BudgetService>().ImportAsync(parse.GetValue(importOrg)!, parse.GetValue(importYear), stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                await env.Output.WriteLineAsync($"imported {result.Value.Imported} budget lines; {result.Value.AlreadyImported} already imported with the same amounts");
                return Cli.Ok;
            }
        }, ct));

        var adjustOrg = Org();
        var adjustYear = Year();
        var account = new Option<string>("--account") { Description = "The budgeted account's code", Required = true };
        var amount = new Option<string>("--amount") { Description = "The approved change in 元: positive adds (追加), negative cuts (调减)", Required = true };
        var reason = new Option<string>("--reason") { Description = "The approval (e.g. the meeting resolution), kept with the change", Required = true };
        var adjust = new Command("adjust", "Record an approved budget change beside the budget, never over it") { adjustOrg, adjustYear, account, amount, reason };
        adjust.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var change = Money.Parse(parse.GetValue(amount));
            if (!change.Succeeded)
            {
                return await Cli.RejectAsync(env, change.Errors.Select(e => e.At("--amount")).ToList());
            }

            var result = await sp.GetRequiredService<BudgetService>().AdjustAsync(
                parse.GetValue(adjustOrg)!, parse.GetValue(adjustYear), parse.GetValue(account)!, change.Value, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"budget {parse.GetValue(account)} {parse.GetValue(adjustYear)} adjusted by {change.Value}");
            return Cli.Ok;
        }, ct));

        var reportOrg = Org("A village, township or county: every book under it, with totals");
        var period = new Option<string>("--period") { Description = "Year to date through this month, YYYY-MM", Required = true };
        var reportOut = Cli.WorkbookOption();
        var report = new Command("report", "预算执行表: budget (with adjustments) against actual, per account and book, rolled up") { reportOrg, period, reportOut };
        report.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(period));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var result = await sp.GetRequiredService<BudgetService>().ExecutionAsync(parse.GetValue(reportOrg)!, p.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var table = new TableReport("预算执行表", [("单位", false, 10), ("科目", false, 28), ("类别", false, 6), ("预算", true, 16), ("实际", true, 16), ("执行率", true, 10)]);
            table.Sheet("预算执行表", parse.GetValue(reportOrg)!, $"{p.Value.Year}年1月至{p.Value.Month}月");
            foreach (var line in result.Value)
            {
                table.Add(line.OrgCode, $"{line.AccountCode} {line.AccountName}", line.IsExpense ? "支出" : "收入",
                    Money.FromFen(line.Budget), Money.FromFen(line.Actual), Rate(line.Budget, line.Actual));
            }

            foreach (var (kind, lines) in new[] { ("收入合计", result.Value.Where(l => !l.IsExpense)), ("支出合计", result.Value.Where(l => l.IsExpense)) })
            {
                var budget = lines.Sum(l => l.Budget);
                var actual = lines.Sum(l => l.Actual);
                table.Add(parse.GetValue(reportOrg)!, kind, null, Money.FromFen(budget), Money.FromFen(actual), Rate(budget, actual));
            }

            return await Cli.WriteAsync(env, sp, table, parse.GetValue(reportOut));
        }, ct));

        return new Command("budget", "Annual budgets and their execution (预算管理)") { import, adjust, report };
    }

    private static object Rate(long budget, long actual) => budget == 0 ? "-" : new Percent((decimal)actual / budget);
}
