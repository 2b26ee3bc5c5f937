using System.Globalization;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Contracts;

public sealed record ContractImportResult(int Registered, int AlreadyRegistered, int Installments);

public enum InstallmentStatus
{
    Paid,
    Due,
    Overdue,
}

public sealed record InstallmentView(Installment Installment, long Paid, InstallmentStatus Status)
{
    public long Outstanding => Installment.Amount - Paid;
}

/// <summary>A contract as it stands — its term's end and yearly amount after renewals, terminations and amendments — and its schedule.</summary>
public sealed record ContractSchedule(Contract Contract, DateOnly End, long AnnualAmount, IReadOnlyList<InstallmentView> Installments)
{
    public long Arrears => Installments.Where(i => i.Status == InstallmentStatus.Overdue).Sum(i => i.Outstanding);
}

/// <summary>
/// Lease and 发包 contracts: imported with their generated schedules; receipts settle the oldest open installments
/// and are booked so that what pays for later years goes to 211 (预收), not this year's income; renewals, early
/// terminations and amendments are events that cancel unpaid installments and add new ones, never edits.
/// </summary>
public sealed class ContractRegister(LedgerDbContext db, BookDirectory books, VoucherPosting posting, AuditLog audit, Actor actor, TimeProvider time, ImportLimits limits)
{
    public const string IncomeAccount = "501";
    public const string PrepaidAccount = "211";

    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("number", true, "合同编号"),
        new("counterparty", true, "承包方", "承租方"),
        new("kind", false, "合同类型", "类型"),
        new("subjects", true, "标的", "资源编号"),
        new("start", true, "起始日期", "开始日期"),
        new("end", true, "终止日期", "结束日期"),
        new("area", false, "面积", "面积(亩)"),
        new("unit_price", false, "单价", "单价(元/亩/年)"),
        new("annual_amount", false, "年租金", "年承包费"),
        new("payment", false, "付款方式"),
        new("installments_per_year", false, "每年期数"),
        new("deposit", false, "保证金"),
        new("resolution", false, "决议编号"),
    ];

    /// <summary><c>contract import FILE --org CODE</c>: all or nothing; the same contract again changes nothing.</summary>
    public async Task<Outcome<ContractImportResult>> ImportAsync(string orgCode, Stream csv, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<ContractImportResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var known = (await db.Resources.Where(r => r.BookId == bookId).Select(r => r.Code).ToListAsync(ct))
            .Concat(await db.FixedAssets.Where(a => a.BookId == bookId).Select(a => a.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var plan = await new RegisterImport<Contract, Contract>(
            Columns,
            (row, _) => Task.FromResult(Parse(row, bookId, known)),
            c => c.Number,
            async (numbers, ct) => await db.Contracts.AsNoTracking().Where(c => c.BookId == bookId && numbers.Contains(c.Number)).ToDictionaryAsync(c => c.Number, ct),
            (old, c) => old.Counterparty == c.Counterparty && old.Start == c.Start && old.End == c.End && old.AnnualAmount == c.AnnualAmount && old.Payment == c.Payment
                && old.InstallmentsPerYear == c.InstallmentsPerYear && old.Subjects == c.Subjects && old.Deposit == c.Deposit,
            (number, lines) => new LedgerError("contract.number_repeated", $"contract {number} appears on lines {string.Join(", ", lines)}"),
            (c, _, line) => new LedgerError("contract.number_taken", $"contract {c.Number} is already registered with other terms; contracts are never edited", $"line {line}"))
            .PlanAsync(csv, limits, ct);
        if (!plan.Succeeded)
        {
            return Outcome<ContractImportResult>.Failure(plan.Errors);
        }

        var fresh = plan.Value.Fresh;
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        db.Contracts.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        var installments = fresh.SelectMany(c => InstallmentSchedule.For(c).Select(s => new Installment
        {
            ContractId = c.Id, Sequence = s.Sequence, CoversFrom = s.CoversFrom, CoversTo = s.CoversTo, Due = s.Due, Amount = s.Amount,
        })).ToList();
        db.Installments.AddRange(installments);
        if (fresh.Count > 0)
        {
            audit.Record("contract.import", bookId, $"{fresh.Count} contracts", null,
                new { contracts = fresh.Select(c => c.Number).ToList(), installments = installments.Count, total = Money.FromFen(installments.Sum(i => i.Amount)).ToPlainString() });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ContractImportResult>.Success(new ContractImportResult(fresh.Count, plan.Value.Unchanged, installments.Count));
    }

    /// <summary><c>contract schedule --org CODE --contract NUMBER</c>: each installment, paid, due or overdue.</summary>
    public async Task<Outcome<ContractSchedule>> ScheduleAsync(string orgCode, string number, CancellationToken ct = default)
    {
        var found = await FindAsync(orgCode, number, ct);
        return found.Succeeded ? Outcome<ContractSchedule>.Success(await ScheduleOfAsync(found.Value, ct)) : Outcome<ContractSchedule>.Failure(found.Errors);
    }

    /// <summary>
    /// A receipt of rent: one voucher — cash or bank debited; 501 credited for what pays for this calendar year or
    /// earlier, 211 (预收, the counterparty named) for the months of later years — settling the oldest open
    /// installments first. Retrying the same receipt (contract, date, amount) returns the voucher already posted.
    /// </summary>
    public async Task<Outcome<(PostedVoucher Voucher, ContractSchedule Schedule)>> ReceiveAsync(
        string orgCode, string number, DateOnly date, Money amount, string account = "102", CancellationToken ct = default)
    {
        var found = await FindAsync(orgCode, number, ct);
        if (!found.Succeeded)
        {
            return Outcome<(PostedVoucher, ContractSchedule)>.Failure(found.Errors);
        }

        var contract = found.Value;
        if (!amount.IsPositive)
        {
            return new LedgerError("contract.amount_invalid", $"a receipt is a positive amount, not {amount}");
        }

        var key = $"contract-receipt:{contract.Id}:{date:yyyy-MM-dd}:{amount.Fen}";
        if (await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.BookId == contract.BookId && v.IdempotencyKey == key, ct) is { } done)
        {
            return Outcome<(PostedVoucher, ContractSchedule)>.Success(
                (new PostedVoucher(done.Id, Periods.AccountingPeriod.FromKey(done.Period), done.Number, AlreadyPosted: true), await ScheduleOfAsync(contract, ct)));
        }

        var schedule = await ScheduleOfAsync(contract, ct);
        var open = schedule.Installments.Where(i => i.Outstanding > 0).OrderBy(i => i.Installment.Due).ThenBy(i => i.Installment.Sequence).ToList();
        var outstanding = open.Sum(i => i.Outstanding);
        if (amount.Fen > outstanding)
        {
            return new LedgerError("contract.overpaid", $"contract {number} has {Money.FromFen(outstanding)} outstanding; {amount} is more than that");
        }

        var yearEnd = new DateOnly(date.Year, 12, 31);
        var left = amount.Fen;
        long income = 0, prepaid = 0;
        var settled = new List<(Installment Installment, long Amount)>();
        foreach (var i in open)
        {
            if (left == 0)
            {
                break;
            }

            var take = Math.Min(left, i.Outstanding);
            left -= take;
            settled.Add((i.Installment, take));
            // Apportioned by the months the installment covers, as the schedule is: those after this year are 预收.
            var months = InstallmentSchedule.MonthsCovered(i.Installment.CoversFrom, i.Installment.CoversTo);
            var thisYearOrEarlier = i.Installment.CoversFrom > yearEnd ? 0 : InstallmentSchedule.MonthsCovered(i.Installment.CoversFrom, Min(i.Installment.CoversTo, yearEnd));
            var deferred = (long)decimal.Round(take * (decimal)(months - thisYearOrEarlier) / months, 0, MidpointRounding.AwayFromZero);
            prepaid += deferred;
            income += take - deferred;
        }

        var what = $"收到{contract.Counterparty}{(contract.Kind == ContractKind.Lease ? "租金" : "承包费")}（合同{contract.Number}）";
        var lines = new List<VoucherLineDraft> { new(account, what, amount, Money.Zero) };
        if (income > 0)
        {
            lines.Add(new VoucherLineDraft(IncomeAccount, what, Money.Zero, Money.FromFen(income)));
        }

        if (prepaid > 0)
        {
            lines.Add(new VoucherLineDraft(PrepaidAccount, $"{what}预收以后年度", Money.Zero, Money.FromFen(prepaid), contract.Counterparty));
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var chart = await books.LoadChartAsync(contract.BookId, ct);
        var posted = await posting.PostAsync(chart, new VoucherDraft(key, date, lines, contract.Resolution), ct);
        if (!posted.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return Outcome<(PostedVoucher, ContractSchedule)>.Failure(posted.Errors);
        }

        var voucher = posted.Value.Vouchers[0];
        db.InstallmentReceipts.AddRange(settled.Select(s => new InstallmentReceipt { InstallmentId = s.Installment.Id, VoucherId = voucher.Id, Date = date, Amount = s.Amount }));
        audit.Record("contract.receive", contract.BookId, $"contract {contract.Number}", null,
            new { voucher = voucher.DisplayNumber, amount = amount.ToPlainString(), income = Money.FromFen(income).ToPlainString(), prepaid = Money.FromFen(prepaid).ToPlainString() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<(PostedVoucher, ContractSchedule)>.Success((voucher, await ScheduleOfAsync(contract, ct)));
    }

    /// <summary>Every contract of a book as it stands, with its schedule: what date-driven rules read.</summary>
    /// <summary>The book's contract events (续签, 提前解除, 变更), newest first, each with its contract.</summary>
    public async Task<IReadOnlyList<(ContractEvent Event, Contract Contract)>> EventsAsync(int bookId, CancellationToken ct = default) =>
        (await db.ContractEvents.AsNoTracking().Where(e => e.BookId == bookId)
            .Join(db.Contracts.AsNoTracking(), e => e.ContractId, c => c.Id, (e, c) => new { e, c })
            .OrderByDescending(x => x.e.EffectiveFrom).ThenByDescending(x => x.e.Id).ToListAsync(ct)).Select(x => (x.e, x.c)).ToList();

    public async Task<IReadOnlyList<ContractSchedule>> SchedulesAsync(int bookId, CancellationToken ct = default) =>
        await SchedulesOfAsync(await db.Contracts.AsNoTracking().Where(c => c.BookId == bookId).OrderBy(c => c.Id).ToListAsync(ct), ct);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>续签: the term runs on to <paramref name="newEnd"/>, on the same terms; the new stretch's installments are added.</summary>
    public Task<Outcome<ContractSchedule>> RenewAsync(string orgCode, string number, DateOnly newEnd, string reason, CancellationToken ct = default) =>
        ChangeAsync(orgCode, number, reason, ContractEventKind.Renewed, (contract, now, next) =>
        {
            if (newEnd <= now.End)
            {
                return new LedgerError("contract.renewal_invalid", $"the term already runs to {now.End:yyyy-MM-dd}; a renewal ends later");
            }

            var from = now.End.AddDays(1);
            return Outcome<Plan>.Success(new Plan(from, newEnd, null, [], InstallmentSchedule.For(from, newEnd, now.AnnualAmount, contract.Payment, contract.InstallmentsPerYear, next)));
        }, ct);

    /// <summary>提前解除: from <paramref name="effectiveFrom"/> nothing more is owed; unpaid installments after it are cancelled, the one it cuts through is prorated.</summary>
    public Task<Outcome<ContractSchedule>> TerminateAsync(string orgCode, string number, DateOnly effectiveFrom, string reason, CancellationToken ct = default) =>
        ChangeAsync(orgCode, number, reason, ContractEventKind.Terminated, (contract, now, next) =>
        {
            if (effectiveFrom <= contract.Start || effectiveFrom > now.End)
            {
                return new LedgerError("contract.date_invalid", $"{effectiveFrom:yyyy-MM-dd} must fall after the start ({contract.Start:yyyy-MM-dd}) and on or before the end ({now.End:yyyy-MM-dd})");
            }

            var (cancel, add) = CutAt(now, effectiveFrom, next);
            return Outcome<Plan>.Success(new Plan(effectiveFrom, effectiveFrom.AddDays(-1), null, cancel, add));
        }, ct);

    /// <summary>变更: from <paramref name="effectiveFrom"/> the yearly amount is <paramref name="newAnnual"/>; unpaid installments from then are replaced.</summary>
    public Task<Outcome<ContractSchedule>> AmendAsync(string orgCode, string number, DateOnly effectiveFrom, Money newAnnual, string reason, CancellationToken ct = default) =>
        ChangeAsync(orgCode, number, reason, ContractEventKind.Amended, (contract, now, next) =>
        {
            if (effectiveFrom <= contract.Start || effectiveFrom > now.End)
            {
                return new LedgerError("contract.date_invalid", $"{effectiveFrom:yyyy-MM-dd} must fall after the start ({contract.Start:yyyy-MM-dd}) and on or before the end ({now.End:yyyy-MM-dd})");
            }

            if (!newAnnual.IsPositive || newAnnual.Fen == now.AnnualAmount)
            {
                return new LedgerError("contract.amount_invalid", $"the new yearly amount must be positive and differ from {Money.FromFen(now.AnnualAmount)}");
            }

            var (cancel, add) = CutAt(now, effectiveFrom, next);

            // Months already paid for are not charged again (any difference is settled by a voucher of its own).
            var from = now.Installments.Where(i => i.Paid > 0 && i.Installment.CoversTo >= effectiveFrom)
                .Select(i => i.Installment.CoversTo.AddDays(1)).DefaultIfEmpty(effectiveFrom).Max();
            var sequence = next + add.Count;
            var more = from <= now.End
                ? InstallmentSchedule.For(from, now.End, newAnnual.Fen, contract.Payment, contract.InstallmentsPerYear, sequence)
                : [];
            return Outcome<Plan>.Success(new Plan(effectiveFrom, null, newAnnual.Fen, cancel, [.. add, .. more]));
        }, ct);

    /// <summary>What an event changes: its dates and amount, the installments it cancels and those it adds.</summary>
    private sealed record Plan(DateOnly EffectiveFrom, DateOnly? NewEnd, long? NewAnnual, IReadOnlyList<Installment> Cancel, IReadOnlyList<ScheduledInstallment> Add);

    private async Task<Outcome<ContractSchedule>> ChangeAsync(
        string orgCode, string number, string reason, ContractEventKind kind, Func<Contract, ContractSchedule, int, Outcome<Plan>> plan, CancellationToken ct)
    {
        var found = await FindAsync(orgCode, number, ct);
        if (!found.Succeeded)
        {
            return Outcome<ContractSchedule>.Failure(found.Errors);
        }

        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        var contract = found.Value;
        if (await db.ContractEvents.AsNoTracking().Where(e => e.ContractId == contract.Id && e.Kind == ContractEventKind.Terminated).Select(e => (DateOnly?)e.EffectiveFrom).FirstOrDefaultAsync(ct) is { } terminated)
        {
            return new LedgerError("contract.terminated",
                $"contract {contract.Number} was terminated from {terminated:yyyy-MM-dd}; a terminated contract is not renewed, changed or terminated again — register a new contract");
        }

        // Sequences are never reused, not even those of cancelled installments.
        var next = (await db.Installments.Where(i => i.ContractId == contract.Id).MaxAsync(i => (int?)i.Sequence, ct) ?? 0) + 1;
        var planned = plan(contract, await ScheduleOfAsync(contract, ct), next);
        if (!planned.Succeeded)
        {
            return Outcome<ContractSchedule>.Failure(planned.Errors);
        }

        var p = planned.Value;
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var e = new ContractEvent
        {
            ContractId = contract.Id, BookId = contract.BookId, Kind = kind, EffectiveFrom = p.EffectiveFrom, NewEnd = p.NewEnd,
            NewAnnualAmount = p.NewAnnual, Reason = reason.Trim(), AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        };
        db.ContractEvents.Add(e);
        await db.SaveChangesAsync(ct);
        db.InstallmentCancellations.AddRange(p.Cancel.Select(i => new InstallmentCancellation { InstallmentId = i.Id, EventId = e.Id }));
        db.Installments.AddRange(p.Add.Select(a => new Installment
        {
            ContractId = contract.Id, Sequence = a.Sequence, CoversFrom = a.CoversFrom, CoversTo = a.CoversTo, Due = a.Due, Amount = a.Amount, EventId = e.Id,
        }));
        audit.Record($"contract.{kind.ToString().ToLowerInvariant()}", contract.BookId, $"contract {contract.Number}", null,
            new { effectiveFrom = p.EffectiveFrom, newEnd = p.NewEnd, newAnnual = p.NewAnnual, cancelled = p.Cancel.Count, added = p.Add.Count }, reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ContractSchedule>.Success(await ScheduleOfAsync(contract, ct));
    }

    /// <summary>Cancels the unpaid installments from <paramref name="date"/>; the unpaid one it cuts through is replaced by its part before the date.</summary>
    private static (List<Installment> Cancel, List<ScheduledInstallment> Add) CutAt(ContractSchedule now, DateOnly date, int next)
    {
        var cancel = new List<Installment>();
        var add = new List<ScheduledInstallment>();
        foreach (var i in now.Installments.Where(i => i.Paid == 0 && i.Installment.CoversTo >= date))
        {
            cancel.Add(i.Installment);
            if (i.Installment.CoversFrom < date)
            {
                var kept = InstallmentSchedule.MonthsCovered(i.Installment.CoversFrom, date.AddDays(-1));
                var all = InstallmentSchedule.MonthsCovered(i.Installment.CoversFrom, i.Installment.CoversTo);
                var amount = (long)decimal.Round(i.Installment.Amount * (decimal)kept / all, 0, MidpointRounding.AwayFromZero);
                add.Add(new ScheduledInstallment(next + add.Count, i.Installment.CoversFrom, date.AddDays(-1), i.Installment.Due, amount));
            }
        }

        return (cancel, add);
    }

    private async Task<ContractSchedule> ScheduleOfAsync(Contract contract, CancellationToken ct) => (await SchedulesOfAsync([contract], ct))[0];

    /// <summary>The contracts' schedules as they stand today: four queries for a chunk of contracts, however many.</summary>
    private async Task<List<ContractSchedule>> SchedulesOfAsync(List<Contract> contracts, CancellationToken ct)
    {
        var today = LedgerClock.Today(time);
        var result = new List<ContractSchedule>(contracts.Count);
        foreach (var chunk in contracts.Chunk(500))
        {
            var ids = chunk.Select(c => c.Id).ToList();
            var events = (await db.ContractEvents.AsNoTracking().Where(e => ids.Contains(e.ContractId)).OrderBy(e => e.Id).ToListAsync(ct)).ToLookup(e => e.ContractId);
            var installments = await db.Installments.AsNoTracking()
                .Where(i => ids.Contains(i.ContractId) && !db.InstallmentCancellations.Any(x => x.InstallmentId == i.Id))
                .OrderBy(i => i.Due).ThenBy(i => i.Sequence).ToListAsync(ct);
            var paid = await (from r in db.InstallmentReceipts.AsNoTracking()
                              join i in db.Installments on r.InstallmentId equals i.Id
                              where ids.Contains(i.ContractId)
                              group r by r.InstallmentId into g
                              select new { g.Key, Paid = g.Sum(r => r.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Paid, ct);
            var byContract = installments.ToLookup(i => i.ContractId);
            foreach (var contract in chunk)
            {
                var changes = events[contract.Id].ToList();
                var end = changes.LastOrDefault(e => e.NewEnd is not null)?.NewEnd ?? contract.End;
                var annual = changes.LastOrDefault(e => e.NewAnnualAmount is not null)?.NewAnnualAmount ?? contract.AnnualAmount;
                result.Add(new ContractSchedule(contract, end, annual, byContract[contract.Id].Select(i =>
                {
                    var p = paid.GetValueOrDefault(i.Id);
                    var status = p >= i.Amount ? InstallmentStatus.Paid : i.Due < today ? InstallmentStatus.Overdue : InstallmentStatus.Due;
                    return new InstallmentView(i, p, status);
                }).ToList()));
            }
        }

        return result;
    }

    private async Task<Outcome<Contract>> FindAsync(string orgCode, string number, CancellationToken ct)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<Contract>.Failure(book.Errors);
        }

        var contract = await db.Contracts.AsNoTracking().SingleOrDefaultAsync(c => c.BookId == book.Value.Book.Id && c.Number == number, ct);
        return contract is null ? new LedgerError("contract.unknown", $"this book has no contract {number}") : Outcome<Contract>.Success(contract);
    }

    private Outcome<Contract> Parse(CsvRow row, int bookId, HashSet<string> known)
    {
        var errors = new List<LedgerError>();
        string At(string column) => row.At(column);
        string? Text(string column, int max, bool required)
        {
            var v = row.Get(column);
            if (TextRules.Check(column, v, max, required) is { } e)
            {
                errors.Add(e.At(At(column)));
            }

            return v.Length == 0 ? null : v;
        }

        var number = Text("number", 50, true);
        var counterparty = Text("counterparty", 100, true);
        var resolution = Text("resolution", 100, false);
        var kind = row.Get("kind") switch
        {
            "" or "发包" or "contract_out" => ContractKind.ContractOut,
            "租赁" or "出租" or "lease" => ContractKind.Lease,
            var k => Invalid(k, "kind", "发包 or 租赁", ContractKind.ContractOut),
        };
        var subjects = row.Get("subjects").Split([';', '；', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (subjects.Length == 0)
        {
            errors.Add(new LedgerError("contract.subjects_missing", "name the resources or assets it covers, separated by ;", At("subjects")));
        }

        foreach (var unknown in subjects.Where(s => !known.Contains(s)))
        {
            errors.Add(new LedgerError("contract.subject_unknown", $"'{unknown}' is neither a registered resource nor an asset of this book", At("subjects")));
        }

        var start = CsvTable.ParseDate(row.Get("start"));
        var end = CsvTable.ParseDate(row.Get("end"));
        errors.AddRange(start.Errors.Select(e => e.At(At("start"))));
        errors.AddRange(end.Errors.Select(e => e.At(At("end"))));
        if (start.Succeeded && end.Succeeded && end.Value <= start.Value)
        {
            errors.Add(new LedgerError("contract.term_invalid", $"the term ends {end.Value:yyyy-MM-dd}, not after it starts {start.Value:yyyy-MM-dd}", At("end")));
        }

        long area = 0, price = 0, annual = 0;
        if (row.Get("area").Length > 0)
        {
            var a = Area.Parse(row.Get("area"));
            errors.AddRange(a.Errors.Select(e => e.At(At("area"))));
            area = a.Succeeded ? a.Value.TenThousandths : 0;
        }

        foreach (var (column, set) in new (string, Action<long>)[] { ("unit_price", v => price = v), ("annual_amount", v => annual = v), ("deposit", _ => { }) })
        {
            if (row.Get(column).Length > 0)
            {
                var m = Money.Parse(row.Get(column));
                errors.AddRange(m.Errors.Select(e => e.At(At(column))));
                if (m.Succeeded && m.Value.IsNegative)
                {
                    errors.Add(new LedgerError("contract.amount_invalid", $"{column} cannot be negative", At(column)));
                }

                if (m.Succeeded)
                {
                    set(m.Value.Fen);
                }
            }
        }

        var deposit = Money.Parse(row.Get("deposit") is { Length: > 0 } d ? d : "0");
        if (annual == 0 && price > 0 && area > 0)
        {
            annual = (long)decimal.Round(price * (decimal)area / 10000m, 0, MidpointRounding.AwayFromZero);
        }
        else if (annual > 0 && price > 0 && area > 0 && annual != (long)decimal.Round(price * (decimal)area / 10000m, 0, MidpointRounding.AwayFromZero))
        {
            errors.Add(new LedgerError("contract.amount_mismatch", "annual_amount differs from area × unit_price; give one or the other", At("annual_amount")));
        }

        if (annual <= 0 && errors.Count == 0)
        {
            errors.Add(new LedgerError("contract.amount_missing", "give annual_amount, or area and unit_price (元/亩/年)", At("annual_amount")));
        }

        var payment = row.Get("payment") switch
        {
            "" or "annual" or "每年预付" or "年付" => PaymentTerms.AnnualInAdvance,
            "installments" or "分期" => PaymentTerms.Installments,
            "lump_sum" or "一次性" or "一次性付清" => PaymentTerms.LumpSum,
            var p => Invalid(p, "payment", "annual (每年预付), installments (分期) or lump_sum (一次性)", PaymentTerms.AnnualInAdvance),
        };
        var perYear = payment switch
        {
            PaymentTerms.AnnualInAdvance => 1,
            PaymentTerms.LumpSum => 0,
            _ => int.TryParse(row.Get("installments_per_year"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is 2 or 3 or 4 or 6 or 12
                ? n
                : Invalid(row.Get("installments_per_year"), "installments_per_year", "2, 3, 4, 6 or 12", 1),
        };

        return errors.Count > 0 ? Outcome<Contract>.Failure(errors) : Outcome<Contract>.Success(new Contract
        {
            BookId = bookId, Number = number!, Counterparty = counterparty!, Kind = kind, Subjects = string.Join(";", subjects),
            AreaTenThousandths = area, UnitPricePerMuYear = price, AnnualAmount = annual, Start = start.Value, End = end.Value,
            Payment = payment, InstallmentsPerYear = perYear, Deposit = deposit.Succeeded ? deposit.Value.Fen : 0, Resolution = resolution,
            RegisteredAtUtc = LedgerClock.UtcNow(time),
        });

        T Invalid<T>(string value, string column, string expected, T fallback)
        {
            errors.Add(new LedgerError("contract.value_invalid", $"'{value}' is not one of: {expected}", At(column)));
            return fallback;
        }
    }
}
