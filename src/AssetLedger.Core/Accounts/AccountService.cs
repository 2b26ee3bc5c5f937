using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Accounts;

/// <summary>Detail accounts (明细科目): a book may add them under standard ones, never change standard codes.</summary>
public sealed class AccountService(LedgerDbContext db, BookDirectory books, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Adds <paramref name="code"/> under the account whose code it extends by two digits (11201 under 112).
    /// Refused when the parent already carries postings or opening balances: they would be stranded on an account
    /// that is no longer a leaf.
    /// </summary>
    public async Task<Outcome<Account>> AddDetailAsync(string orgCode, string code, string name, CancellationToken ct = default)
    {
        var bookRef = await books.FindBookAsync(orgCode, ct);
        if (!bookRef.Succeeded)
        {
            return Outcome<Account>.Failure(bookRef.Errors);
        }

        var bookId = bookRef.Value.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        if (TextRules.Check("account name", name, 100) is { } nameError)
        {
            return nameError;
        }

        if (code.Length < 5 || !code.All(char.IsAsciiDigit))
        {
            return new LedgerError("account.code_invalid",
                $"'{code}' is not a detail account code: extend a standard code by two digits, e.g. 11201 under 112");
        }

        if (chart.Find(code) is { } existing)
        {
            if (existing.IsStandard)
            {
                return new LedgerError("account.standard_code", $"{code} {existing.Name} is a standard account; its code cannot be changed or reused");
            }

            return existing.Name == name.Trim()
                ? Outcome<Account>.Success(existing)
                : new LedgerError("account.code_taken", $"{code} already exists as {chart.FullName(existing)}");
        }

        var parentCode = code[..^2];
        var parent = chart.Find(parentCode);
        if (parent is null)
        {
            return new LedgerError("account.parent_unknown",
                $"{code} would detail account {parentCode}, which this book does not have");
        }

        // The maintained balances have a row for every account that ever had a posting or an opening balance.
        var parentUsed = await db.Balances.AnyAsync(b => b.BookId == bookId && b.AccountId == parent.Id, ct);
        if (parentUsed)
        {
            return new LedgerError("account.parent_in_use",
                $"{parentCode} {parent.Name} already has postings or opening balances; a detail account under it would strand them");
        }

        var account = new Account
        {
            BookId = bookId,
            Code = code,
            Name = name.Trim(),
            Category = parent.Category,
            NormalSide = parent.NormalSide,
            ParentCode = parentCode,
            Flags = parent.Flags,
            IsStandard = false,
            CreatedAtUtc = LedgerClock.UtcNow(time),
        };
        db.Accounts.Add(account);
        audit.Record("account.add", bookId, $"account {code}", null, new { account.Code, account.Name, Parent = parentCode });
        await db.SaveChangesAsync(ct);
        return Outcome<Account>.Success(account);
    }
}
