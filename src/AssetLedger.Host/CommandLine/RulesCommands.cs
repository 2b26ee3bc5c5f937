using System.CommandLine;
using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Settings;

namespace AssetLedger.Host.CommandLine;

/// <summary>The rule engine and its alerts: <c>rules list|run|set</c>, <c>alerts list|ack|resolve|dismiss</c>.</summary>
internal static class RulesCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        yield return Rules(env);
        yield return Alerts(env);
    }

    private static Command Rules(CliEnvironment env)
    {
        var list = new Command("list", "The rule catalog: ids, Chinese names, what triggers them, and parameters with their defaults");
        list.SetAction(async (parse, ct) =>
        {
            var table = new TextTable(("id", false), ("名称", false), ("trigger", false), ("parameters (defaults, 元)", false));
            foreach (var r in RuleCatalog.All)
            {
                table.Add(r.Definition.Id, r.Definition.Name, r.Definition.Trigger == RuleTrigger.Calendar ? "daily" : "new entries",
                    string.Join(", ", r.Definition.Defaults.Select(d => $"{d.Key}={d.Value:0.##}")));
            }

            table.Write(env.Output);
            await Task.CompletedTask;
            return Cli.Ok;
        });

        var org = new Option<string?>("--org") { Description = "Only the books of this organization (default: every book)" };
        var asOf = new Option<string?>("--as-of") { Description = "The date the evaluation takes as today, YYYY-MM-DD" };
        var full = new Option<bool>("--full") { Description = "Read everything again, not only what is new (a backfill); nothing already raised is raised again" };
        var run = new Command("run", "Evaluate every rule — the new-entry rules over what was posted or registered since the last run, the daily ones as of the day; prints the new alerts") { org, asOf, full };
        run.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            DateOnly? day = null;
            if (parse.GetValue(asOf) is { } text)
            {
                var d = CsvTable.ParseDate(text);
                if (!d.Succeeded)
                {
                    return await Cli.RejectAsync(env, d.Errors.Select(e => e.At("--as-of")).ToList());
                }

                day = d.Value;
            }

            var result = await sp.GetRequiredService<RuleEngine>().RunAsync(parse.GetValue(org), day, parse.GetValue(full), Evaluation.All, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var r = result.Value;
            foreach (var a in r.Raised)
            {
                await env.Output.WriteLineAsync($"{a.RuleId} {a.Severity.ToString().ToLowerInvariant()} {Money.FromFen(a.Amount)} {a.Explanation}");
            }

            await env.Output.WriteLineAsync($"{r.Raised.Count} new alerts, {r.Resolved} resolved by reversals; read {r.VouchersRead} vouchers and {r.AssetEventsRead} asset events in {r.Books} books");
            return Cli.Ok;
        }, ct));

        var setOrg = new Option<string>("--org") { Description = "The county (default for all), township or village it applies to", Required = true };
        var rule = new Option<string>("--rule") { Description = "The rule id, e.g. LARGE_TXN", Required = true };
        var parameter = new Option<string>("--param") { Description = "The parameter, e.g. tier1 or limit", Required = true };
        var value = new Option<string>("--value") { Description = "The value (元 for amounts)", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept with the setting)", Required = true };
        var set = new Command("set", "Set a rule parameter for a county, township or village (the nearest setting wins)") { setOrg, rule, parameter, value, reason };
        set.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var v = ParameterText.Parse(parse.GetValue(value), "--value");
            if (!v.Succeeded)
            {
                return await Cli.RejectAsync(env, v.Errors);
            }

            var result = await sp.GetRequiredService<RuleSettings>().SetAsync(parse.GetValue(setOrg)!, parse.GetValue(rule)!, parse.GetValue(parameter)!, v.Value, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"{result.Value.RuleId}.{result.Value.Parameter} = {result.Value.Value:0.##} for {parse.GetValue(setOrg)}");
            return Cli.Ok;
        }, ct));
        var btOrg = new Option<string>("--org") { Description = "A village, township or county: every book under it", Required = true };
        var btRule = new Option<string>("--rule") { Description = "The rule id, e.g. LARGE_TXN", Required = true };
        var from = new Option<string>("--from") { Description = "First day of the range, YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the range, YYYY-MM-DD (also the day date-driven rules take as today)", Required = true };
        var proposed = new Option<string[]>("--param") { Description = "A proposed parameter, NAME=VALUE (元 for amounts); repeat for more; the rest stay as in force" };
        var backtest = new Command("backtest", "What a rule, with proposed parameters, would have raised over a past range; saves nothing") { btOrg, btRule, from, to, proposed };
        backtest.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var errors = new List<LedgerError>();
            var start = CsvTable.ParseDate(parse.GetValue(from)!);
            var end = CsvTable.ParseDate(parse.GetValue(to)!);
            errors.AddRange(start.Errors.Select(e => e.At("--from")));
            errors.AddRange(end.Errors.Select(e => e.At("--to")));
            var values = ParameterText.ParseAssignments(parse.GetValue(proposed) ?? [], "--param");
            errors.AddRange(values.Errors);
            if (errors.Count > 0)
            {
                return await Cli.RejectAsync(env, errors);
            }

            var result = await sp.GetRequiredService<RuleBacktest>().RunAsync(parse.GetValue(btOrg)!, parse.GetValue(btRule)!, start.Value, end.Value, values.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            foreach (var (orgCode, f) in result.Value)
            {
                await env.Output.WriteLineAsync($"{orgCode} {f.OccurredOn:yyyy-MM-dd} {f.RuleId} {f.Severity.ToString().ToLowerInvariant()} {Money.FromFen(f.Amount)} {f.Explanation}");
            }

            await env.Output.WriteLineAsync($"{result.Value.Count} alerts would be raised; nothing was saved");
            return Cli.Ok;
        }, ct));
        return new Command("rules", "The rule engine (预警规则)") { list, run, set, backtest };
    }

    private static Command Alerts(CliEnvironment env)
    {
        var org = new Option<string?>("--org") { Description = "Only the alerts of this organization's books" };
        var state = new Option<string?>("--state") { Description = "open | acknowledged | resolved | dismissed" };
        state.AcceptOnlyFromAmong("open", "acknowledged", "resolved", "dismissed");
        var listOut = Cli.WorkbookOption();
        var list = new Command("list", "预警台账: alerts, oldest first") { org, state, listOut };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            AlertState? s = parse.GetValue(state) is { } text ? Enum.Parse<AlertState>(text, ignoreCase: true) : null;
            var result = await sp.GetRequiredService<AlertService>().ListAsync(parse.GetValue(org), s, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            if (parse.GetValue(listOut) is { } file)
            {
                var rows = await sp.GetRequiredService<AlertRows>().ForAsync(result.Value, ct);
                var madeAt = env.Time.GetUtcNow().ToOffset(LedgerClock.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                var bytes = AlertWorkbook.Build("预警台账", madeAt, result.Value.Select(a => rows[a.Id]).ToList());
                await Cli.WriteFileAsync(env, file, stream => stream.Write(bytes));
                return Cli.Ok;
            }

            var table = new TextTable(("id", true), ("rule", false), ("severity", false), ("state", false), ("日期", false), ("金额", true), ("说明", false));
            foreach (var a in result.Value)
            {
                table.Add(a.Id.ToString(CultureInfo.InvariantCulture), a.RuleId, a.Severity.ToString().ToLowerInvariant(), a.State.ToString().ToLowerInvariant(),
                    a.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Money.FromFen(a.Amount).ToString(), a.Explanation);
            }

            table.Write(env.Output);
            return Cli.Ok;
        }, ct));

        var alerts = new Command("alerts", "Alerts and their handling (预警处理)") { list };
        foreach (var action in AlertAction.All)
        {
            var id = new Option<long>("--alert") { Description = "The alert's id (see `alerts list`)", Required = true };
            var comment = new Option<string>("--comment") { Description = "What was found or done", Required = true };
            var command = new Command(action.Name, action.Description) { id, comment };
            command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
            {
                var result = await sp.GetRequiredService<AlertService>().MoveAsync(parse.GetValue(id), action.To, parse.GetValue(comment)!, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                await env.Output.WriteLineAsync($"alert {result.Value.Id} is {result.Value.State.ToString().ToLowerInvariant()}");
                return Cli.Ok;
            }, ct));
            alerts.Subcommands.Add(command);
        }

        return alerts;
    }
}
