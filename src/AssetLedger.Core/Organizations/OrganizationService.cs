using System.Text.RegularExpressions;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Organizations;

/// <summary>Adds organizations to the county tree; a village or group gets its book and the standard chart.</summary>
public sealed partial class OrganizationService(LedgerDbContext db, AuditLog audit, TimeProvider time)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex CodePattern();

    public async Task<Outcome<Organization>> AddAsync(
        string code, string name, OrganizationLevel level, string? parentCode, CancellationToken ct = default)
    {
        var errors = new List<LedgerError>();
        if (!CodePattern().IsMatch(code ?? string.Empty))
        {
            errors.Add(new LedgerError("org.code_invalid",
                $"'{code}' is not an organization code: use 1–32 letters, digits, '-' or '_'"));
        }

        if (TextRules.Check("organization name", name, 100) is { } nameError)
        {
            errors.Add(nameError);
        }

        Organization? parent = null;
        var expectedParent = level switch
        {
            OrganizationLevel.Township => OrganizationLevel.County,
            OrganizationLevel.Village => OrganizationLevel.Township,
            OrganizationLevel.Group => OrganizationLevel.Village,
            _ => (OrganizationLevel?)null,
        };
        if (expectedParent is null && parentCode is not null)
        {
            errors.Add(new LedgerError("org.parent_unexpected", "a county has no parent organization"));
        }
        else if (expectedParent is not null)
        {
            if (parentCode is null)
            {
                errors.Add(new LedgerError("org.parent_required",
                    $"a {level.ToString().ToLowerInvariant()} needs --parent: the code of its {expectedParent.ToString()!.ToLowerInvariant()}"));
            }
            else
            {
                parent = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == parentCode, ct);
                if (parent is null)
                {
                    errors.Add(new LedgerError("org.unknown", $"no organization has code '{parentCode}' (the parent)"));
                }
                else if (parent.Level != expectedParent)
                {
                    errors.Add(new LedgerError("org.parent_level",
                        $"the parent of a {level.ToString().ToLowerInvariant()} must be a {expectedParent.ToString()!.ToLowerInvariant()}, but {parentCode} is a {parent.Level.ToString().ToLowerInvariant()}"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Outcome<Organization>.Failure(errors);
        }

        var existing = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (existing is not null)
        {
            // Idempotent: adding the same organization again is a no-op; a different one under the same code is not.
            return existing.Name == name && existing.Level == level && existing.ParentId == parent?.Id
                ? Outcome<Organization>.Success(existing)
                : new LedgerError("org.code_taken",
                    $"code {code} already belongs to {existing.Name} ({existing.Level.ToString().ToLowerInvariant()})");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = LedgerClock.UtcNow(time);
        var org = new Organization { Code = code!, Name = name.Trim(), Level = level, ParentId = parent?.Id, CreatedAtUtc = now };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        audit.Record("org.add", null, $"organization {org.Code}", null, new { org.Code, org.Name, Level = org.Level.ToString(), Parent = parentCode });

        if (level is OrganizationLevel.Village or OrganizationLevel.Group)
        {
            var book = new Book { OrganizationId = org.Id, ChartStandard = StandardChart.Standard2023, CreatedAtUtc = now };
            db.Books.Add(book);
            await db.SaveChangesAsync(ct);
            db.Accounts.AddRange(StandardChart.Chart2023.Select(s => new Account
            {
                BookId = book.Id,
                Code = s.Code,
                Name = s.Name,
                Category = s.Category,
                NormalSide = s.NormalSide,
                ParentCode = s.ParentCode,
                Flags = s.Flags,
                IsStandard = true,
                CreatedAtUtc = now,
            }));
            audit.Record("book.open", book.Id, $"book of {org.Code}", null, new { Chart = book.ChartStandard, Accounts = StandardChart.Chart2023.Count });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<Organization>.Success(org);
    }

    public async Task<IReadOnlyList<Organization>> ListAsync(CancellationToken ct = default) =>
        await db.Organizations.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct);
}
