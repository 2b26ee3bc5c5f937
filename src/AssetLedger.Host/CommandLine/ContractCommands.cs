using System.CommandLine;
using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Import;
using AssetLedger.Host.Reports;

namespace AssetLedger.Host.CommandLine;

/// <summary>Lease and 发包 contracts: <c>contract import|schedule|receive</c>.</summary>
internal static class ContractCommands
{
    public static Command Build(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "UTF-8 CSV: number,counterparty,subjects,start,end,(area,unit_price | annual_amount)[,kind,payment,installments_per_year,deposit,resolution]" };
        var org = new Option<string>("--org") { Description = "Organization code (a village or group: its book)", Required = true };
        var import = new Command("import", "Register contracts and generate their installment schedules, all or nothing") { file, org };
        import.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            if (await Cli.OpenAsync(env, parse.GetValue(file)!) is not { } stream)
            {
                return Cli.Rejected;
            }

            await using (stream)
            {
                var result = await sp.GetRequiredService<ContractRegister>().ImportAsync(parse.GetValue(org)!, stream, ct);
                if (!result.Succeeded)
                {
                    return await Cli.RejectAsync(env, result.Errors);
                }

                var r = result.Value;
                await env.Output.WriteLineAsync($"registered {r.Registered} contracts with {r.Installments} installments; {r.AlreadyRegistered} already registered with the same terms");
                return Cli.Ok;
            }
        }, ct));

        var listOrg = new Option<string>("--org") { Description = "A village or group; a township or county lists every book under it", Required = true };
        var listOut = Cli.WorkbookOption();
        var list = new Command("list", "合同台账: every contract with its term, yearly amount, what was due, received and is in arrears") { listOrg, listOut };
        list.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var books = await Cli.BooksAsync(sp, parse.GetValue(listOrg)!, ct);
            if (!books.Succeeded)
            {
                return await Cli.RejectAsync(env, books.Errors);
            }

            var today = LedgerClock.Today(env.Time);
            var table = new TableReport("合同台账", [("单位", false, 10), ("合同编号", false, 12), ("承包方", false, 16), ("起始", false, 12), ("终止", false, 12),
                ("年租金", true, 14), ("合同总额", true, 15), ("已到期应收", true, 15), ("已收", true, 15), ("欠款", true, 15)]);
            foreach (var b in books.Value)
            {
                table.Sheet($"{b.Organization.Name}（{b.Organization.Code}）", $"{b.Organization.Name}（{b.Organization.Code}）");
                foreach (var c in await sp.GetRequiredService<ContractRegister>().SchedulesAsync(b.Book.Id, ct))
                {
                    var due = c.Installments.Where(i => i.Installment.Due <= today).Sum(i => i.Installment.Amount);
                    table.Add(b.Organization.Code, c.Contract.Number, c.Contract.Counterparty, c.Contract.Start, c.End, Money.FromFen(c.AnnualAmount),
                        Money.FromFen(c.Installments.Sum(i => i.Installment.Amount)), Money.FromFen(due), Money.FromFen(c.Installments.Sum(i => i.Paid)), Money.FromFen(c.Arrears));
                }
            }

            return await Cli.WriteAsync(env, sp, table, parse.GetValue(listOut));
        }, ct));

        var scheduleOrg = new Option<string>("--org") { Description = "Organization code", Required = true };
        var contract = new Option<string>("--contract") { Description = "The contract number (合同编号)", Required = true };
        var schedule = new Command("schedule", "The contract's installments: paid, due or overdue") { scheduleOrg, contract };
        schedule.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<ContractRegister>().ScheduleAsync(parse.GetValue(scheduleOrg)!, parse.GetValue(contract)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var s = result.Value;
            await env.Output.WriteLineAsync($"合同 {s.Contract.Number}  {s.Contract.Counterparty}  {s.Contract.Start:yyyy-MM-dd}…{s.Contract.End:yyyy-MM-dd}  年金额 {Money.FromFen(s.Contract.AnnualAmount)}");
            var table = new TextTable(("期次", true), ("所属期间", false), ("应收日期", false), ("应收金额", true), ("已收", true), ("未收", true), ("状态", false));
            foreach (var i in s.Installments)
            {
                table.Add(i.Installment.Sequence.ToString(CultureInfo.InvariantCulture),
                    $"{i.Installment.CoversFrom:yyyy-MM-dd}…{i.Installment.CoversTo:yyyy-MM-dd}", i.Installment.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Money.FromFen(i.Installment.Amount).ToString(), Money.FromFen(i.Paid).ToString(), Money.FromFen(i.Outstanding).ToString(),
                    i.Status switch { InstallmentStatus.Paid => "paid 已收清", InstallmentStatus.Overdue => "overdue 逾期", _ => i.Paid > 0 ? "due 部分已收" : "due 未到期" });
            }

            table.Write(env.Output);
            await env.Output.WriteLineAsync($"逾期欠款 {Money.FromFen(s.Arrears)}");
            return Cli.Ok;
        }, ct));

        var receiveOrg = new Option<string>("--org") { Description = "Organization code", Required = true };
        var receiveContract = new Option<string>("--contract") { Description = "The contract number", Required = true };
        var date = new Option<string>("--date") { Description = "YYYY-MM-DD, in an open month", Required = true };
        var amount = new Option<string>("--amount") { Description = "The amount received (元)", Required = true };
        var account = new Option<string>("--account") { Description = "Where it went: 102 (default) or 101", DefaultValueFactory = _ => "102" };
        var receive = new Command("receive", "Book a receipt of rent: settles the oldest installments; later years' share goes to 211 预收") { receiveOrg, receiveContract, date, amount, account };
        receive.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = CsvTable.ParseDate(parse.GetValue(date)!);
            var m = Money.Parse(parse.GetValue(amount));
            var errors = d.Errors.Select(e => e.At("--date")).Concat(m.Errors.Select(e => e.At("--amount"))).ToList();
            if (errors.Count > 0)
            {
                return await Cli.RejectAsync(env, errors);
            }

            var result = await sp.GetRequiredService<ContractRegister>().ReceiveAsync(
                parse.GetValue(receiveOrg)!, parse.GetValue(receiveContract)!, d.Value, m.Value, parse.GetValue(account)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var (voucher, s) = result.Value;
            await env.Output.WriteLineAsync(voucher.AlreadyPosted
                ? $"this receipt was already booked by {voucher.DisplayNumber}; nothing changed"
                : $"booked {m.Value} by {voucher.DisplayNumber}; outstanding on the contract {Money.FromFen(s.Installments.Sum(i => i.Outstanding))}");
            return Cli.Ok;
        }, ct));

        var renewEnd = new Option<string>("--end") { Description = "The term's new last day, YYYY-MM-DD", Required = true };
        var renew = Change(env, "renew", "续签: extend the term on the same terms; the new installments are added", renewEnd,
            (register, org, number, date, _, reason, ct) => register.RenewAsync(org, number, date, reason, ct));
        var terminateDate = new Option<string>("--date") { Description = "From when nothing more is owed, YYYY-MM-DD", Required = true };
        var terminate = Change(env, "terminate", "提前解除: end the contract early; unpaid installments after the date are cancelled", terminateDate,
            (register, org, number, date, _, reason, ct) => register.TerminateAsync(org, number, date, reason, ct));
        var amendFrom = new Option<string>("--from") { Description = "The first day of the new amount, YYYY-MM-DD", Required = true };
        var annual = new Option<string>("--annual-amount") { Description = "The new yearly amount (元)", Required = true };
        var amend = Change(env, "amend", "变更: a new yearly amount from a date; unpaid installments from then are replaced", amendFrom,
            (register, org, number, date, amount, reason, ct) => register.AmendAsync(org, number, date, amount, reason, ct), annual);
        return new Command("contract", "Lease and 发包 contracts (合同台账)") { import, list, schedule, receive, renew, terminate, amend };
    }

    private delegate Task<Outcome<ContractSchedule>> ContractChange(
        ContractRegister register, string org, string number, DateOnly date, Money amount, string reason, CancellationToken ct);

    /// <summary>A renewal, termination or amendment: an event on the contract, recorded with its reason.</summary>
    private static Command Change(CliEnvironment env, string name, string description, Option<string> dateOption, ContractChange change, Option<string>? amount = null)
    {
        var org = new Option<string>("--org") { Description = "Organization code", Required = true };
        var contract = new Option<string>("--contract") { Description = "The contract number", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why, e.g. the resolution that decided it", Required = true };
        var command = new Command(name, description) { org, contract, dateOption, reason };
        if (amount is not null)
        {
            command.Options.Add(amount);
        }

        command.SetAction((parse, ct) => Cli.WithLedgerAsync(parse, env, async (sp, ct) =>
        {
            var d = CsvTable.ParseDate(parse.GetValue(dateOption)!);
            var m = amount is null ? Outcome<Money>.Success(Money.Zero) : Money.Parse(parse.GetValue(amount));
            var errors = d.Errors.Select(e => e.At(dateOption.Name)).Concat(m.Errors.Select(e => e.At(amount?.Name ?? string.Empty))).ToList();
            if (errors.Count > 0)
            {
                return await Cli.RejectAsync(env, errors);
            }

            var result = await change(sp.GetRequiredService<ContractRegister>(), parse.GetValue(org)!, parse.GetValue(contract)!, d.Value, m.Value, parse.GetValue(reason)!, ct);
            if (!result.Succeeded)
            {
                return await Cli.RejectAsync(env, result.Errors);
            }

            var s = result.Value;
            await env.Output.WriteLineAsync($"contract {s.Contract.Number} now runs to {s.End:yyyy-MM-dd} at {Money.FromFen(s.AnnualAmount)} a year; {s.Installments.Count} installments, {Money.FromFen(s.Installments.Sum(i => i.Outstanding))} outstanding");
            return Cli.Ok;
        }, ct));
        return command;
    }
}
