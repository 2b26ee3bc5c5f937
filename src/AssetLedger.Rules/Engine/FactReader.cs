using AssetLedger.Core.Organizations;
using AssetLedger.Rules.SplitPayment;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.Engine;

/// <summary>What was read of one book: the rules' facts, and the payment index's new rows to write with the run.</summary>
public sealed record BookReading(RuleFacts Facts, List<IndexedPayment> Payments);

/// <summary>
/// Reads one book's facts for the rules about to run: the new vouchers (every new-entry rule's), then each fact
/// source those rules declared, once, whichever and however many rules declared it.
/// </summary>
public sealed class FactReader(FactServices services)
{
    /// <param name="window">The new entries to read, or null when the book has none (a calendar-only look).</param>
    public async Task<BookReading> ReadAsync(BookRef book, FactWindow? window, DateOnly asOf, IReadOnlyList<IRule> rules,
        IReadOnlyDictionary<string, RuleParameters> parameters, CancellationToken ct)
    {
        var bookId = book.Book.Id;
        var chart = await services.Books.LoadChartAsync(bookId, ct);
        var counterparties = await services.Ledger.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var context = new FactContext(book, chart, counterparties, window, asOf, [], parameters, services);
        if (window is not null)
        {
            context = context with { NewVouchers = await context.ReadVouchersAsync(window.Vouchers, ct) };
        }

        var read = new Dictionary<IFactSource, object>();
        foreach (var source in rules.SelectMany(r => r.Sources).Distinct())
        {
            read[source] = await source.ReadAsync(context, ct);
        }

        return new(new RuleFacts(bookId, book.Organization.Code, asOf, context.NewVouchers, read), PaymentIndex.Rows(context));
    }
}
