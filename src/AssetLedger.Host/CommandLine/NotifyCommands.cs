using System.CommandLine;
using System.Globalization;
using AssetLedger.Host.Reports;
using AssetLedger.Rules.Notifications;

namespace AssetLedger.Host.CommandLine;

/// <summary>
/// <c>subscriber add|list</c> — who receives alert e-mails — and <c>notify send|list|test</c> — the outbox and its
/// delivery (SMTP from <c>Smtp:*</c>, or .eml files in the pickup folder).
/// </summary>
internal static class NotifyCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        yield return Subscriber(env);
        yield return Notify(env);
    }

    private static Command Subscriber(CliEnvironment env)
    {
        var email = new Argument<string>("EMAIL") { Description = "The address alert e-mails go to" };
        var scope = new Option<string>("--scope") { Description = "The county, township or village whose alerts they receive (an org code)", Required = true };
        var name = new Option<string?>("--name") { Description = "The person's name, for the greeting" };
        var rules = new Option<string?>("--rules") { Description = "Only these rules, comma-separated ids (default: every rule)" };
        var minSeverity = new Option<string?>("--min-severity") { Description = $"Only alerts at least this severe: {SeverityNames.Choices} (default: info)" };
        var add = new Command("add", "Subscribe an address to the alerts of an organization and those under it; adding it again changes its filters")
        {
            email, scope, name, rules, minSeverity,
        };
        add.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var ruleIds = parse.GetValue(rules)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var result = await sp.GetRequiredService<SubscriberService>().AddAsync(
                parse.GetValue(email)!, parse.GetValue(scope)!, parse.GetValue(name), ruleIds, parse.GetValue(minSeverity), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var s = result.Value;
            await env.Output.WriteLineAsync($"subscribed {s.Email} to {parse.GetValue(scope)}: {s.Rules ?? "every rule"}, from {s.MinSeverity.ToString().ToLowerInvariant()}");
            return Cli.Ok;
        }, ct));

        var list = new Command("list", "Every subscription: address, scope and filters");
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var table = new TextTable(("email", false), ("name", false), ("scope", false), ("rules", false), ("min severity", false));
            foreach (var v in await sp.GetRequiredService<SubscriberService>().ListAsync(ct))
            {
                table.Add(v.Subscriber.Email, v.Subscriber.Name ?? string.Empty, $"{v.ScopeCode} {v.ScopeName}", v.Subscriber.Rules ?? "all",
                    v.Subscriber.MinSeverity.ToString().ToLowerInvariant());
            }

            table.Write(env.Output);
            return Cli.Ok;
        }, ct));

        return new Command("subscriber", "Who receives alert e-mails (预警邮件订阅)") { add, list };
    }

    private static Command Notify(CliEnvironment env)
    {
        var send = new Command("send", "Deliver what is pending now, the digests included");
        send.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var r = await sp.GetRequiredService<NotificationService>().SendAsync(digests: true, ct);
            var to = sp.GetRequiredService<MailSettings>().Describe();
            await env.Output.WriteLineAsync($"{r.Composed} mails composed; {r.Sent} sent to {to}, {r.Failed} failed, {r.Deferred} deferred");
            if (r.Problem is not null)
            {
                await env.Error.WriteLineAsync($"warning: {r.Problem}; they are tried again later (`notify list` shows when)");
            }

            return r.Failed + r.Deferred == 0 && r.Problem is null ? Cli.Ok : Cli.Rejected;
        }, ct));

        var list = new Command("list", "The mails, newest first: recipient, state, tries and the last error; and what waits for the next send");
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var status = await sp.GetRequiredService<NotificationService>().StatusAsync(ct: ct);
            var table = new TextTable(("id", true), ("to", false), ("kind", false), ("state", false), ("tries", true), ("next try / sent (UTC)", false), ("subject", false), ("error", false));
            foreach (var m in status.Mails)
            {
                var when = m.State == MailState.Sent ? m.SentAtUtc : m.State == MailState.Pending ? m.NextAttemptAtUtc : null;
                table.Add(m.Id.ToString(CultureInfo.InvariantCulture), m.To, m.Kind.ToString().ToLowerInvariant(), m.State.ToString().ToLowerInvariant(),
                    m.Attempts.ToString(CultureInfo.InvariantCulture), when?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty, m.Subject, m.LastError ?? string.Empty);
            }

            table.Write(env.Output);
            await env.Output.WriteLineAsync($"{status.Waiting} notifications wait for the next send ({status.WaitingImmediate} critical)");
            return Cli.Ok;
        }, ct));

        var to = new Option<string>("--to") { Description = "The address to send a test mail to", Required = true };
        var test = new Command("test", "Send a test mail now, to check the mail settings") { to };
        test.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<NotificationService>().TestAsync(parse.GetValue(to)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var mail = result.Value;
            var via = sp.GetRequiredService<MailSettings>().Describe();
            if (mail.State == MailState.Sent)
            {
                await env.Output.WriteLineAsync($"test mail sent to {mail.To} via {via}");
                return Cli.Ok;
            }

            await env.Error.WriteLineAsync($"error: the test mail to {mail.To} was not sent via {via}: {mail.LastError}");
            return Cli.Rejected;
        }, ct));

        return new Command("notify", "Alert e-mails: the outbox and its delivery (预警邮件)") { send, list, test };
    }
}
