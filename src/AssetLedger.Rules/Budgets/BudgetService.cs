using System.Globalization;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Budgets;

public sealed record BudgetImportResult(int Imported, int AlreadyImported);

/// <summary>One budgeted account's execution through a period: budget (as adjusted), actual, and their ratio.</summary>
public sealed record BudgetExecution(string OrgCode, long BudgetId, string AccountCode, string AccountName, bool IsExpense, long Budget, long Actual)
{
    /// <summary>执行率: actual over budget (0 when nothing was budgeted).</summary>
    public decimal Rate => Budget == 0 ? 0 : decimal.Round((decimal)Actual / Budget, 4);
}

/// <summary>Budgets (预算): imported per book and year, adjusted by approved changes, compared with what was spent.</summary>
public sealed class BudgetService(RulesDbContext rules, LedgerDbContext ledger, BookDirectory books, Actor actor, TimeProvider time, ImportLimits limits)
{
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("account", true, "科目", "科目编码"),
        new("amount", true, "预算金额", "全年预算"),
        .. Enumerable.Range(1, 12).Select(m => new CsvColumn($"m{m}", false, $"{m}月")),
    ];

    /// <summary><c>budget import FILE --org CODE --year YYYY</c>: all or nothing; the same budget again changes nothing.</summary>
    public async Task<Outcome<BudgetImportResult>> ImportAsync(string orgCode, int year, Stream csv, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<BudgetImportResult>.Failure(book.Errors);
        }

        if (AccountingPeriod.CheckYear(year) is { } yearError)
        {
            return yearError;
        }

        var bookId = book.Value.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        var plan = await new RegisterImport<Budget, Budget>(
            Columns,
            (row, _) => Task.FromResult(ParseRow(row, chart, bookId, year)),
            b => b.AccountCode,
            async (_, ct) => await rules.Budgets.AsNoTracking().Where(b => b.BookId == bookId && b.Year == year).ToDictionaryAsync(b => b.AccountCode, ct),
            (old, b) => old.Amount == b.Amount && old.Months == b.Months,
            (account, lines) => new LedgerError("budget.overlap", $"account {account} is budgeted twice, on lines {string.Join(", ", lines)}"),
            (b, old, line) => new LedgerError("budget.overlap",
                $"account {b.AccountCode} already has a {year} budget of {Money.FromFen(old.Amount)}; change it with `budget adjust`", $"line {line}"))
            .PlanAsync(csv, limits, ct);
        if (!plan.Succeeded)
        {
            return Outcome<BudgetImportResult>.Failure(plan.Errors);
        }

        var fresh = plan.Value.Fresh;
        rules.Budgets.AddRange(fresh);
        await rules.SaveChangesAsync(ct);
        return Outcome<BudgetImportResult>.Success(new BudgetImportResult(fresh.Count, plan.Value.Unchanged));
    }

    /// <summary>A row of the budget file as a budget line, or what is wrong with it, each error at its column.</summary>
    private Outcome<Budget> ParseRow(CsvRow row, BookChart chart, int bookId, int year)
    {
        var rowErrors = new List<LedgerError>();
        var found = chart.Lookup(row.Get("account"));
        var account = found.Succeeded ? found.Value : null;
        if (account is null)
        {
            rowErrors.AddRange(found.Errors.Select(e => e.At(row.At("account"))));
        }
        else if (account.Category != AccountCategory.ProfitAndLoss || !chart.IsLeaf(account))
        {
            rowErrors.Add(new LedgerError("budget.account_invalid",
                $"account {account.Code} {account.Name} is not an income or expense leaf account; budgets are set on those", row.At("account")));
        }

        var amount = Money.Parse(row.Get("amount"));
        rowErrors.AddRange(amount.Errors.Select(e => e.At(row.At("amount"))));
        var months = Enumerable.Range(1, 12).Select(m => row.Get($"m{m}")).ToList();
        string? split = null;
        if (months.Any(m => m.Length > 0))
        {
            var parsed = months.Select((m, i) => (Month: i + 1, Amount: Money.Parse(m))).ToList();
            foreach (var (month, value) in parsed.Where(p => !p.Amount.Succeeded))
            {
                rowErrors.AddRange(value.Errors.Select(e => e.At(row.At($"m{month}"))));
            }

            if (parsed.All(p => p.Amount.Succeeded) && amount.Succeeded && Money.Sum(parsed.Select(p => p.Amount.Value)) != amount.Value)
            {
                rowErrors.Add(new LedgerError("budget.months_differ",
                    $"the months add up to {Money.Sum(parsed.Select(p => p.Amount.Value))}, not the year's {amount.Value}", row.Where));
            }

            split = parsed.All(p => p.Amount.Succeeded) ? string.Join(";", parsed.Select(p => p.Amount.Value.Fen.ToString(CultureInfo.InvariantCulture))) : null;
        }

        if (amount.Succeeded && amount.Value.IsNegative)
        {
            rowErrors.Add(new LedgerError("budget.amount_invalid", "a budget cannot be negative", row.At("amount")));
        }

        if (rowErrors.Count > 0)
        {
            return Outcome<Budget>.Failure(rowErrors);
        }

        return Outcome<Budget>.Success(new Budget
        {
            BookId = bookId, Year = year, AccountCode = account!.Code, Amount = amount.Value.Fen, Months = split,
            ImportedAtUtc = LedgerClock.UtcNow(time), Actor = actor.Name,
        });
    }

    /// <summary>An approved change of a budget (追加 or 调减): recorded beside it, never written over it.</summary>
    public async Task<Outcome<BudgetAdjustment>> AdjustAsync(string orgCode, int year, string accountCode, Money change, string reason, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<BudgetAdjustment>.Failure(book.Errors);
        }

        if (TextRules.Check("reason", reason, 200) is { } reasonError)
        {
            return reasonError;
        }

        var budget = await rules.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.BookId == book.Value.Book.Id && b.Year == year && b.AccountCode == accountCode, ct);
        if (budget is null)
        {
            return new LedgerError("budget.unknown", $"account {accountCode} has no {year} budget in this book");
        }

        var adjusted = budget.Amount + await rules.BudgetAdjustments.Where(a => a.BudgetId == budget.Id).SumAsync(a => a.Amount, ct);
        if (change.IsZero || adjusted + change.Fen < 0)
        {
            return new LedgerError("budget.adjustment_invalid", $"the change must not be zero nor bring the budget ({Money.FromFen(adjusted)}) below zero");
        }

        var adjustment = new BudgetAdjustment { BudgetId = budget.Id, Amount = change.Fen, Reason = reason.Trim(), AtUtc = LedgerClock.UtcNow(time), Actor = actor.Name };
        rules.BudgetAdjustments.Add(adjustment);
        await rules.SaveChangesAsync(ct);
        return Outcome<BudgetAdjustment>.Success(adjustment);
    }

    /// <summary>预算执行: every budget of the books under the organization, through the period (year to date).</summary>
    public async Task<Outcome<IReadOnlyList<BudgetExecution>>> ExecutionAsync(string orgCode, AccountingPeriod period, CancellationToken ct = default)
    {
        var scope = await books.FindBooksUnderAsync(orgCode, ct);
        if (!scope.Succeeded)
        {
            return Outcome<IReadOnlyList<BudgetExecution>>.Failure(scope.Errors);
        }

        var result = new List<BudgetExecution>();
        foreach (var b in scope.Value)
        {
            result.AddRange(await ExecutionAsync(await books.LoadChartAsync(b.Book.Id, ct), b.Organization.Code, period, ct));
        }

        return Outcome<IReadOnlyList<BudgetExecution>>.Success(result);
    }

    internal async Task<IReadOnlyList<BudgetExecution>> ExecutionAsync(BookChart chart, string orgCode, AccountingPeriod period, CancellationToken ct)
    {
        var budgets = await rules.Budgets.AsNoTracking().Where(x => x.BookId == chart.BookId && x.Year == period.Year).OrderBy(x => x.AccountCode).ToListAsync(ct);
        if (budgets.Count == 0)
        {
            return [];
        }

        var ids = budgets.Select(x => x.Id).ToList();
        var adjustments = await rules.BudgetAdjustments.AsNoTracking().Where(a => ids.Contains(a.BudgetId))
            .GroupBy(a => a.BudgetId).Select(g => new { g.Key, Sum = g.Sum(a => a.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var snapshot = await BalanceSnapshot.LoadAsync(ledger, chart, period, ct);
        return budgets.Select(x =>
        {
            var account = chart.Find(x.AccountCode)!;
            var f = snapshot.Of(account);
            var debitNet = (f.YearDebit - f.YearYearEndDebit) - (f.YearCredit - f.YearYearEndCredit);
            var expense = account.NormalSide == BalanceSide.Debit;
            return new BudgetExecution(orgCode, x.Id, x.AccountCode, chart.FullName(account), expense,
                x.Through(period.Month) + adjustments.GetValueOrDefault(x.Id), expense ? debitNet : -debitNet);
        }).ToList();
    }
}
