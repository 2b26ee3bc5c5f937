using System.Security.Cryptography;
using System.Text;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.OpeningBalances;

public sealed record OpeningBalanceResult(int Year, int Lines, Money DebitTotal, bool AlreadyImported);

/// <summary>
/// <c>opening import FILE --org CODE --year YYYY</c>: the balances a book starts from (期初余额), as UTF-8 CSV
/// <c>account,counterparty,debit,credit</c>. Set once per book, balanced, on leaf accounts, with counterparties
/// where the account needs them; re-importing the same file is a no-op, a different one is refused (correct
/// opening balances with a voucher). All or nothing.
/// </summary>
public sealed class OpeningBalanceImport(LedgerDbContext db, BookDirectory books, AuditLog audit, Actor actor, TimeProvider time, ImportLimits limits)
{
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("account", true, "科目", "科目编码", "会计科目"),
        new("counterparty", false, "往来单位", "往来单位/个人"),
        new("debit", true, "借方金额", "借方余额", "期初借方", "借方"),
        new("credit", true, "贷方金额", "贷方余额", "期初贷方", "贷方"),
    ];

    private sealed record Line(Account Account, string? Counterparty, Money Debit, Money Credit);

    public async Task<Outcome<OpeningBalanceResult>> ImportAsync(string orgCode, int year, Stream csv, CancellationToken ct = default)
    {
        if (year < AccountingPeriod.MinYear || year > LedgerClock.Today(time).Year)
        {
            return new LedgerError("year.invalid", $"{year} is not a year the books can open in (at most the current year)");
        }

        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<OpeningBalanceResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        var errors = new List<LedgerError>();
        var lines = new List<Line>();
        var seen = new Dictionary<(string, string?), int>();
        foreach (var item in CsvTable.Read(csv, Columns, limits, ct))
        {
            if (!item.Succeeded)
            {
                errors.AddRange(item.Errors);
                continue;
            }

            var row = item.Value;
            var where = row.Where;
            var debit = CsvTable.ParseAmount(row.Get("debit"));
            var credit = CsvTable.ParseAmount(row.Get("credit"));
            errors.AddRange(debit.Errors.Select(e => e.At($"{where}, column debit")));
            errors.AddRange(credit.Errors.Select(e => e.At($"{where}, column credit")));
            var found = chart.Lookup(row.Get("account"));
            var counterparty = row.Get("counterparty") is { Length: > 0 } cp ? cp : null;
            if (!found.Succeeded)
            {
                errors.AddRange(found.Errors.Select(e => e.At($"{where}, column account")));
                continue;
            }

            var account = found.Value;

            if (!chart.IsLeaf(account))
            {
                errors.Add(new LedgerError("account.not_leaf", $"account {account.Code} {account.Name} has detail accounts; give its balance on them", $"{where}, column account"));
            }

            if (account.Has(AccountFlags.Counterparty) && counterparty is null)
            {
                errors.Add(new LedgerError("posting.counterparty_required", $"account {account.Code} {chart.FullName(account)} needs a counterparty (往来单位/个人)", $"{where}, column counterparty"));
            }

            if (TextRules.Check("counterparty", counterparty, 100, required: false) is { } cpError)
            {
                errors.Add(cpError.At($"{where}, column counterparty"));
            }

            if (!debit.Succeeded || !credit.Succeeded)
            {
                continue;
            }

            if (debit.Value.IsNegative || credit.Value.IsNegative)
            {
                errors.Add(new LedgerError("posting.negative", "balances are positive: put a credit balance in the credit column", where));
                continue;
            }

            if (!debit.Value.IsZero && !credit.Value.IsZero)
            {
                errors.Add(new LedgerError("posting.one_side", "a balance is on one side: fill either debit or credit", where));
                continue;
            }

            if (debit.Value.IsZero && credit.Value.IsZero)
            {
                continue; // a template row left blank
            }

            if (seen.TryGetValue((account.Code, counterparty), out var firstLine))
            {
                errors.Add(new LedgerError("opening.duplicate", $"account {account.Code}{(counterparty is null ? string.Empty : " / " + counterparty)} already has a balance on line {firstLine}", where));
                continue;
            }

            seen[(account.Code, counterparty)] = row.Line;
            lines.Add(new Line(account, counterparty, debit.Value, credit.Value));
        }

        var debitTotal = Money.Sum(lines.Select(l => l.Debit));
        var creditTotal = Money.Sum(lines.Select(l => l.Credit));
        if (errors.Count == 0 && debitTotal != creditTotal)
        {
            errors.Add(new LedgerError("opening.unbalanced", $"opening debits {debitTotal} and credits {creditTotal} differ by {(debitTotal - creditTotal).Abs()}"));
        }

        if (errors.Count > 0)
        {
            return Outcome<OpeningBalanceResult>.Failure(errors);
        }

        var hash = Hash(year, lines);
        var existing = await db.OpeningBalanceSets.AsNoTracking().SingleOrDefaultAsync(s => s.BookId == bookId, ct);
        if (existing is not null)
        {
            return existing.ContentHash == hash && existing.Year == year
                ? Outcome<OpeningBalanceResult>.Success(new OpeningBalanceResult(year, lines.Count, debitTotal, AlreadyImported: true))
                : new LedgerError("opening.already_set",
                    $"this book's opening balances for {existing.Year} were already imported on {existing.ImportedAtUtc:yyyy-MM-dd}; correct them with a voucher");
        }

        if (await db.PeriodStates.AnyAsync(p => p.BookId == bookId && p.IsClosed, ct))
        {
            return new LedgerError("opening.periods_closed", "this book already has closed months; opening balances must come before the first close");
        }

        var before = AccountingPeriod.Of(year, 1).Key;
        if (await db.Vouchers.AnyAsync(v => v.BookId == bookId && v.Period < before, ct))
        {
            return new LedgerError("opening.vouchers_before", $"this book has vouchers dated before 1 January {year}, so it cannot open in {year}");
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var counterpartyIds = await CounterpartyIdsAsync(bookId, lines.Select(l => l.Counterparty).OfType<string>().Distinct(), ct);
        var set = new OpeningBalanceSet
        {
            BookId = bookId,
            Year = year,
            ContentHash = hash,
            ImportedAtUtc = LedgerClock.UtcNow(time),
            ImportedBy = actor.Name,
            Lines = lines.Select(l => new OpeningBalanceLine
            {
                AccountId = l.Account.Id,
                CounterpartyId = l.Counterparty is null ? null : counterpartyIds[l.Counterparty],
                Debit = l.Debit.Fen,
                Credit = l.Credit.Fen,
            }).ToList(),
        };
        db.OpeningBalanceSets.Add(set);
        var openingPeriod = AccountingPeriod.OpeningOf(year).Key;
        db.Balances.AddRange(lines.Select(l => new AccountBalance
        {
            BookId = bookId,
            AccountId = l.Account.Id,
            CounterpartyKey = l.Counterparty is null ? 0 : counterpartyIds[l.Counterparty],
            Period = openingPeriod,
            Debit = l.Debit.Fen,
            Credit = l.Credit.Fen,
        }));
        audit.Record("opening.import", bookId, $"opening balances {year}", null,
            new { year, lines = lines.Count, debit = debitTotal.ToPlainString(), credit = creditTotal.ToPlainString(), contentHash = hash });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<OpeningBalanceResult>.Success(new OpeningBalanceResult(year, lines.Count, debitTotal, AlreadyImported: false));
    }

    private async Task<Dictionary<string, int>> CounterpartyIdsAsync(int bookId, IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.ToList();
        var existing = await db.Counterparties.Where(c => c.BookId == bookId && wanted.Contains(c.Name)).ToListAsync(ct);
        var added = wanted.Except(existing.Select(c => c.Name)).Select(n => new Counterparty { BookId = bookId, Name = n }).ToList();
        db.Counterparties.AddRange(added);
        await db.SaveChangesAsync(ct);
        return existing.Concat(added).ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
    }

    private static string Hash(int year, List<Line> lines)
    {
        var sb = new StringBuilder().Append(year).Append('\u001e');
        foreach (var l in lines.OrderBy(l => l.Account.Code, StringComparer.Ordinal).ThenBy(l => l.Counterparty, StringComparer.Ordinal))
        {
            sb.Append(l.Account.Code).Append('\u001f').Append(l.Counterparty).Append('\u001f')
              .Append(l.Debit.Fen).Append('\u001f').Append(l.Credit.Fen).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
