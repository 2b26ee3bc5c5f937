using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Organizations;

/// <summary>A book and the organization that keeps it.</summary>
public sealed record BookRef(Organization Organization, Book Book);

/// <summary>
/// Finds organizations, their books, and the books under a township or county. Organizations and books never change
/// once added, so within one unit of work (a request, a command) each one found is remembered: the scope check, the
/// book lookup and the service behind an endpoint ask for the same organization without asking the database again.
/// </summary>
public sealed class BookDirectory(LedgerDbContext db)
{
    private readonly Dictionary<string, Organization> organizationsFound = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Book> booksFound = [];

    public async Task<Outcome<Organization>> FindOrganizationAsync(string code, CancellationToken ct = default)
    {
        if (organizationsFound.TryGetValue(code, out var known))
        {
            return Outcome<Organization>.Success(known);
        }

        // A code with a control character names nothing (codes are checked when added), and PostgreSQL refuses NUL in
        // a query's text: such a code is unknown without asking the database.
        var org = code.Any(char.IsControl) ? null : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code, ct);
        if (org is null)
        {
            return new LedgerError("org.unknown", $"no organization has code '{code}' (see `org list`)");
        }

        organizationsFound[code] = org;
        return Outcome<Organization>.Success(org);
    }

    /// <summary>Every organization, by id.</summary>
    public async Task<Dictionary<int, Organization>> OrganizationsAsync(CancellationToken ct = default) =>
        await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);

    /// <summary>Every book's organization id, by book id.</summary>
    public async Task<Dictionary<int, int>> BookOrganizationsAsync(CancellationToken ct = default) =>
        await db.Books.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.OrganizationId, ct);

    /// <summary>The book the organization keeps; townships and counties keep none (they see roll-ups).</summary>
    public async Task<Outcome<BookRef>> FindBookAsync(string orgCode, CancellationToken ct = default)
    {
        var org = await FindOrganizationAsync(orgCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<BookRef>.Failure(org.Errors);
        }

        if (!booksFound.TryGetValue(org.Value.Id, out var book))
        {
            book = await db.Books.AsNoTracking().SingleOrDefaultAsync(b => b.OrganizationId == org.Value.Id, ct);
            if (book is null)
            {
                return new LedgerError("org.no_book",
                    $"{org.Value.Name} ({orgCode}) is a {org.Value.Level.ToString().ToLowerInvariant()} and keeps no books of its own; use a village or group code");
            }

            booksFound[org.Value.Id] = book;
        }

        return Outcome<BookRef>.Success(new BookRef(org.Value, book));
    }

    /// <summary>The organization's own book, or the books of every village and group under it.</summary>
    public async Task<Outcome<IReadOnlyList<BookRef>>> FindBooksUnderAsync(string orgCode, CancellationToken ct = default)
    {
        var org = await FindOrganizationAsync(orgCode, ct);
        if (!org.Succeeded)
        {
            return Outcome<IReadOnlyList<BookRef>>.Failure(org.Errors);
        }

        var all = await db.Organizations.AsNoTracking().ToListAsync(ct);
        var children = all.Where(o => o.ParentId is not null).ToLookup(o => o.ParentId!.Value);
        var scope = new List<Organization>();
        var stack = new Stack<Organization>([org.Value]);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            scope.Add(o);
            foreach (var c in children[o.Id])
            {
                stack.Push(c);
            }
        }

        var ids = scope.Select(o => o.Id).ToList();
        var books = await db.Books.AsNoTracking().Where(b => ids.Contains(b.OrganizationId)).ToListAsync(ct);
        var byId = scope.ToDictionary(o => o.Id);
        IReadOnlyList<BookRef> result = books
            .Select(b => new BookRef(byId[b.OrganizationId], b))
            .OrderBy(r => r.Organization.Code, StringComparer.Ordinal)
            .ToList();
        return Outcome<IReadOnlyList<BookRef>>.Success(result);
    }

    /// <summary>The 往来单位 the book's postings and opening balances have named, by name: what the voucher form offers.</summary>
    public async Task<IReadOnlyList<string>> CounterpartiesAsync(int bookId, CancellationToken ct = default) =>
        (await db.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).Select(c => c.Name).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();

    public async Task<BookChart> LoadChartAsync(int bookId, CancellationToken ct = default) =>
        new(bookId, await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId).ToListAsync(ct));
}
