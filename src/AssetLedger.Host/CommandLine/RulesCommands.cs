using System.CommandLine;
using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Settings;
using Microsoft.Extensions.DependencyInjection;

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
        var list = new Command("list", "The rule catalog: ids, Chinese names and parameters with their defaults");
        list.SetAction(async (parse, ct) =>
        {
            var table = new TextTable(("id", false), ("名称", false), ("parameters (defaults, 元)", false));
            foreach (var r in RuleCatalog.All)
            {
                table.Add(r.Definition.Id, r.Definition.Name, string.Join(", ", r.Definition.Defaults.Select(d => $"{d.Key}={d.Value:0.##}")));
            }

            table.Write(env.Output);
            await Task.CompletedTask;
            return Cli.Ok;
        });

        var org = new Option<string?>("--org") { Description = "Only the books of this organization (default: every book)" };
        var asOf = new Option<string?>("--as-of") { Description = "The date the evaluation takes as today, YYYY-MM-DD" };
        var run = new Command("run", "Evaluate every rule over what was posted or registered since the last run; prints the new alerts") { org, asOf };
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

            var result = await sp.GetRequiredService<RuleEngine>().RunAsync(parse.GetValue(org), day, ct);
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
            if (!decimal.TryParse(parse.GetValue(value), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                return await Cli.RejectAsync(env, [new LedgerError("rule.value_invalid", $"'{parse.GetValue(value)}' is not a number", "--value")]);
            }

            var result = await sp.GetRequiredService<RuleSettings>().SetAsync(parse.GetValue(setOrg)!, parse.GetValue(rule)!, parse.GetValue(parameter)!, v, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"{result.Value.RuleId}.{result.Value.Parameter} = {result.Value.Value:0.##} for {parse.GetValue(setOrg)}");
            return Cli.Ok;
        }, ct));
        return new Command("rules", "The rule engine (预警规则)") { list, run, set };
    }

    private static Command Alerts(CliEnvironment env)
    {
        var org = new Option<string?>("--org") { Description = "Only the alerts of this organization's books" };
        var state = new Option<string?>("--state") { Description = "open | acknowledged | resolved | dismissed" };
        state.AcceptOnlyFromAmong("open", "acknowledged", "resolved", "dismissed");
        var list = new Command("list", "Alerts, oldest first") { org, state };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            AlertState? s = parse.GetValue(state) is { } text ? Enum.Parse<AlertState>(text, ignoreCase: true) : null;
            var result = await sp.GetRequiredService<AlertService>().ListAsync(parse.GetValue(org), s, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
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
        foreach (var (name, to, description) in new[]
        {
            ("ack", AlertState.Acknowledged, "Acknowledge an alert: someone is looking at it"),
            ("resolve", AlertState.Resolved, "Resolve an alert, saying how"),
            ("dismiss", AlertState.Dismissed, "Dismiss an alert as not a problem, saying why"),
        })
        {
            var id = new Option<long>("--alert") { Description = "The alert's id (see `alerts list`)", Required = true };
            var comment = new Option<string>("--comment") { Description = "What was found or done", Required = true };
            var command = new Command(name, description) { id, comment };
            command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
            {
                var result = await sp.GetRequiredService<AlertService>().MoveAsync(parse.GetValue(id), to, parse.GetValue(comment)!, ct);
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
