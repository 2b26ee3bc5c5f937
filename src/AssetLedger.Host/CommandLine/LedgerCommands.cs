using System.CommandLine;
using System.Globalization;
using System.Text;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Verification;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Reports;

namespace AssetLedger.Host.CommandLine;

/// <summary>The ledger verbs: init, org, account, opening, voucher, period, year, report, verify.</summary>
internal static class LedgerCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        yield return Init(env);
        yield return Org(env);
        yield return AccountCommand(env);
        yield return Opening(env);
        yield return VoucherCommand(env);
        yield return PeriodCommand(env);
        yield return Year(env);
        yield return Report(env);
        yield return Verify(env);
        foreach (var command in AssetCommands.Build(env))
        {
            yield return command;
        }

        yield return ResourceCommands.Build(env);
        yield return ContractCommands.Build(env);
        yield return BudgetCommands.Build(env);
        yield return SchedulerCommands.Build(env);
        foreach (var command in RulesCommands.Build(env))
        {
            yield return command;
        }

        foreach (var command in NotifyCommands.Build(env))
        {
            yield return command;
        }

        yield return TemplateCommands.Build(env);
        yield return DemoCommands.Build(env);
        yield return UserCommands.Build(env);
    }

    private static Option<string> OrgOption(string description = "Organization code (a village or group: its book)") =>
        new("--org") { Description = description, Required = true };

    private static Command Init(CliEnvironment env)
    {
        var command = new Command("init", "Create or migrate the database (idempotent); the standard chart is loaded into every new book");
        command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var orgs = await sp.GetRequiredService<OrganizationService>().ListAsync(ct);
            await env.Output.WriteLineAsync($"database ready: {sp.GetRequiredService<Core.Persistence.DatabaseSettings>().Describe()} ({orgs.Count} organizations; chart {StandardChart.Standard2023} with {StandardChart.Chart2023.Count} standard accounts)");
            return Cli.Ok;
        }, ct));
        return command;
    }

    private static Command Org(CliEnvironment env)
    {
        var code = new Argument<string>("CODE") { Description = "Organization code, e.g. the administrative division code" };
        var name = new Argument<string>("NAME") { Description = "Name, e.g. 东风村股份经济合作社" };
        var level = new Option<string>("--level") { Description = "county | township | village | group", Required = true };
        level.AcceptOnlyFromAmong("county", "township", "village", "group");
        var parent = new Option<string?>("--parent") { Description = "Code of the organization above it" };
        var add = new Command("add", "Add a county, township, village or group; villages and groups get their own books") { code, name, level, parent };
        add.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var lvl = Enum.Parse<OrganizationLevel>(parse.GetValue(level)!, ignoreCase: true);
            var result = await sp.GetRequiredService<OrganizationService>().AddAsync(parse.GetValue(code)!, parse.GetValue(name)!, lvl, parse.GetValue(parent), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"organization {result.Value.Code} {result.Value.Name} ({lvl.ToString().ToLowerInvariant()}){(lvl is OrganizationLevel.Village or OrganizationLevel.Group ? " with its book on the 2023 chart" : string.Empty)}");
            return Cli.Ok;
        }, ct));

        var list = new Command("list", "List organizations as a tree");
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var orgs = await sp.GetRequiredService<OrganizationService>().ListAsync(ct);
            var children = orgs.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
            var table = new TextTable(("code", false), ("name", false), ("level", false));
            void Walk(Organization o, int depth)
            {
                table.Add(o.Code, new string(' ', depth * 2) + o.Name, o.Level.ToString().ToLowerInvariant());
                foreach (var c in children[o.Id].OrderBy(c => c.Code, StringComparer.Ordinal))
                {
                    Walk(c, depth + 1);
                }
            }

            foreach (var o in orgs.Where(o => o.ParentId is null))
            {
                Walk(o, 0);
            }

            table.Write(env.Output);
            return Cli.Ok;
        }, ct));
        return new Command("org", "Organizations: county → township → village → group") { add, list };
    }

    private static Command AccountCommand(CliEnvironment env)
    {
        var code = new Argument<string>("CODE") { Description = "Detail code: a standard code plus two digits, e.g. 11201" };
        var name = new Argument<string>("NAME") { Description = "Name of the detail, e.g. 张三" };
        var org = OrgOption();
        var add = new Command("add", "Add a detail account (明细科目) under the standard account its code extends") { code, name, org };
        add.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<AccountService>().AddDetailAsync(parse.GetValue(org)!, parse.GetValue(code)!, parse.GetValue(name)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"account {result.Value.Code} {result.Value.Name} under {result.Value.ParentCode}");
            return Cli.Ok;
        }, ct));

        var listOrg = OrgOption();
        var list = new Command("list", "List a book's chart of accounts") { listOrg };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var books = sp.GetRequiredService<BookDirectory>();
            var book = await books.FindBookAsync(parse.GetValue(listOrg)!, ct);
            if (!book.Succeeded)
            {
                return await Cli.RejectAsync(env, book.Errors);
            }

            var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
            var table = new TextTable(("code", false), ("name", false), ("side", false), ("posts", false), ("flags", false));
            foreach (var a in chart.Accounts)
            {
                table.Add(a.Code, chart.FullName(a), a.NormalSide == BalanceSide.Debit ? "借" : "贷", chart.IsLeaf(a) ? "yes" : "no",
                    a.Flags == AccountFlags.None ? string.Empty : a.Flags.ToString());
            }

            table.Write(env.Output);
            return Cli.Ok;
        }, ct));
        return new Command("account", "The chart of accounts of a book") { add, list };
    }

    private static Command Opening(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: account,counterparty,debit,credit" };
        var org = OrgOption();
        var year = new Option<int>("--year") { Description = "The year the book opens (balances at 1 January)", Required = true };
        var import = new Command("import", "Import the opening balances (期初余额) of a book; they must balance") { file, org, year };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<OpeningBalanceImport>().ImportAsync(parse.GetValue(org)!, parse.GetValue(year), stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                var r = result.Value;
                await env.Output.WriteLineAsync(r.AlreadyImported
                    ? $"opening balances {r.Year} were already imported with the same content; nothing changed"
                    : $"opening balances {r.Year}: {r.Lines} lines, debits = credits = {r.DebitTotal}");
                return Cli.Ok;
            }
        }, ct));
        return new Command("opening", "Opening balances") { import };
    }

    private static Command VoucherCommand(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: key,date,summary,account,debit,credit,counterparty,resolution" };
        var org = OrgOption();
        var import = new Command("import", "Post vouchers from a CSV file, all or nothing; lines sharing a key form one voucher") { file, org };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<VoucherImport>().ImportAsync(parse.GetValue(org)!, stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                var r = result.Value;
                await env.Output.WriteLineAsync($"posted {r.Posted} vouchers ({r.Postings} postings); {r.AlreadyPosted} already posted with the same content");
                foreach (var p in r.Vouchers.Where(v => !v.AlreadyPosted).GroupBy(v => v.Period).OrderBy(g => g.Key))
                {
                    await env.Output.WriteLineAsync($"  {p.Key}: {VoucherNumber.Format(p.Min(v => v.Number))}…{VoucherNumber.Format(p.Max(v => v.Number))}");
                }

                return Cli.Ok;
            }
        }, ct));

        var reverseOrg = OrgOption();
        var number = new Option<string>("--voucher") { Description = "The voucher to reverse: 2024-03/记-0001 (or 记-0001 if only one month has it)", Required = true };
        var date = new Option<string>("--date") { Description = "Date of the reversal, YYYY-MM-DD, in an open month", Required = true };
        var reverse = new Command("reverse", "Reverse a posted voucher with red ink (红字冲销): same lines, negated amounts") { reverseOrg, number, date };
        reverse.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = Core.Import.CsvTable.ParseDate(parse.GetValue(date)!);
            if (!d.Succeeded)
            {
                return await Cli.RejectAsync(env, d.Errors.Select(e => e.At("--date")).ToList());
            }

            var result = await sp.GetRequiredService<VoucherReversal>().ReverseAsync(parse.GetValue(reverseOrg)!, parse.GetValue(number)!, d.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync(result.Value.AlreadyPosted
                ? $"{parse.GetValue(number)} was already reversed by {result.Value.DisplayNumber}; nothing changed"
                : $"reversed {parse.GetValue(number)} by {result.Value.DisplayNumber}");
            return Cli.Ok;
        }, ct));
        return new Command("voucher", "Vouchers (记账凭证)") { import, reverse };
    }

    private static Command PeriodCommand(CliEnvironment env)
    {
        var org = OrgOption();
        var period = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var close = new Command("close", "Close a month (结账): checks that the books balance; no posting into it afterwards") { org, period };
        close.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(period));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var result = await sp.GetRequiredService<PeriodService>().CloseAsync(parse.GetValue(org)!, p.Value, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync(result.Value.Unchanged ? $"{p.Value} was already closed" : $"closed {p.Value}");
            return Cli.Ok;
        }, ct));

        var reopenOrg = OrgOption();
        var reopenPeriod = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why it is reopened (recorded in the audit log)", Required = true };
        var reopen = new Command("reopen", "Reopen a closed month (audited, with a reason); the latest closed month first") { reopenOrg, reopenPeriod, reason };
        reopen.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(reopenPeriod));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var result = await sp.GetRequiredService<PeriodService>().ReopenAsync(parse.GetValue(reopenOrg)!, p.Value, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            await env.Output.WriteLineAsync($"reopened {p.Value}");
            return Cli.Ok;
        }, ct));
        return new Command("period", "Accounting months") { close, reopen };
    }

    private static Command Year(CliEnvironment env)
    {
        var org = OrgOption();
        var year = new Option<int>("--year") { Description = "YYYY", Required = true };
        var close = new Command("close", "Year-end close: post the closing vouchers (5xx → 321 → 322) and close every month of the year") { org, year };
        close.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<YearEndClose>().CloseYearAsync(parse.GetValue(org)!, parse.GetValue(year), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var r = result.Value;
            if (r.AlreadyClosed)
            {
                await env.Output.WriteLineAsync($"{r.Year} is already closed; nothing changed");
                return Cli.Ok;
            }

            await env.Output.WriteLineAsync($"closed {r.Year}: closing vouchers {(r.ClosingVouchers.Count == 0 ? "none needed" : string.Join(", ", r.ClosingVouchers.Select(v => v.DisplayNumber)))}; months closed: {(r.ClosedMonths.Count == 0 ? "none (all were closed)" : string.Join(", ", r.ClosedMonths))}");
            return Cli.Ok;
        }, ct));
        return new Command("year", "Fiscal years") { close };
    }

    private static Command Report(CliEnvironment env)
    {
        var report = new Command("report", "Statements: for a village or group its book; for a township or county the roll-up (汇总) of its books");
        foreach (var kind in ReportCatalog.Kinds)
        {
            report.Subcommands.Add(ReportVerb(env, kind));
        }

        return report;
    }

    /// <summary>One report of the catalog as a verb: text, CSV or JSON on the screen or to a file; .xlsx to a file, with a sheet per village for a roll-up.</summary>
    private static Command ReportVerb(CliEnvironment env, ReportKind kind)
    {
        var org = OrgOption("Organization code: a village or group, or a township or county for the roll-up");
        var period = new Option<string>("--period") { Description = "YYYY-MM", Required = true };
        var format = new Option<string>("--format") { Description = "text | csv | json | xlsx (xlsx needs --out)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json", "xlsx");
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of the screen" };
        var account = new Option<string?>("--account") { Description = "One account (with its details); default: every account with a figure" };
        var command = new Command(kind.Id, kind.Description) { org, period, format, output };
        if (kind.TakesAccount)
        {
            command.Options.Add(account);
        }

        command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var p = AccountingPeriod.Parse(parse.GetValue(period));
            if (!p.Succeeded)
            {
                return await Cli.RejectAsync(env, p.Errors.Select(e => e.At("--period")).ToList());
            }

            var f = Enum.Parse<ReportFormat>(parse.GetValue(format)!, ignoreCase: true);
            var file = parse.GetValue(output);
            if (f == ReportFormat.Xlsx && file is null)
            {
                return await Cli.RejectAsync(env, [new LedgerError("report.out_required", "an .xlsx workbook is a file: give --out FILE.xlsx")]);
            }

            var result = await sp.GetRequiredService<ReportCatalog>().ComputeAsync(kind.Id, parse.GetValue(org)!, p.Value, parse.GetValue(account), withVillageSheets: f == ReportFormat.Xlsx, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            if (f == ReportFormat.Xlsx)
            {
                var maker = new WorkbookMaker(sp.GetRequiredService<Actor>().Name, LedgerClock.Today(env.Time));
                await Cli.WriteFileAsync(env, file!, stream => result.Value.WriteWorkbook(maker, stream));
            }
            else if (file is not null)
            {
                // A CSV file gets a byte-order mark so that Excel reads its Chinese as UTF-8.
                await using (var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: f == ReportFormat.Csv)))
                {
                    result.Value.Write(f, writer);
                }

                await env.Output.WriteLineAsync($"wrote {file.FullName}");
            }
            else
            {
                result.Value.Write(f, env.Output);
            }

            return Cli.Ok;
        }, ct));
        return command;
    }

    private static Command Verify(CliEnvironment env)
    {
        var org = new Option<string?>("--org") { Description = "Only the books of this organization (default: every book)" };
        var rebuild = new Option<bool>("--rebuild-balances") { Description = "Rewrite the maintained balances from the postings when they differ (audited)" };
        var command = new Command("verify", "Recompute everything derived and check every invariant; exit code 0 only when all hold") { org, rebuild };
        command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<LedgerVerifier>().VerifyAsync(parse.GetValue(org), parse.GetValue(rebuild), ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var r = result.Value;
            foreach (var f in r.Findings)
            {
                await env.Output.WriteLineAsync($"FAIL {f.Message} [{f.Code}]");
            }

            await env.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(r.Passed ? "OK" : "FAILED")}: {r.Books} books, {r.Vouchers} vouchers, {r.Postings} postings; {r.Findings.Count} findings{(r.BalancesRebuilt ? "; balances rebuilt from the postings" : string.Empty)}"));
            return r.Passed ? Cli.Ok : Cli.Rejected;
        }, ct));
        return command;
    }
}
