using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Vouchers;

/// <summary>
/// A posted voucher as a person reads it (记账凭证): its number, date, lines with account names and counterparties,
/// totals, and how it stands to reversal — by the book's voucher number or by its id.
/// </summary>
public sealed class VoucherReader(LedgerDbContext db, BookDirectory books)
{
    /// <summary>The voucher <c>2024-03/记-0001</c> (or <c>记-0001</c> when only one month has it) of an organization's book.</summary>
    public async Task<Outcome<VoucherDocument>> ReadAsync(string orgCode, string number, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<VoucherDocument>.Failure(book.Errors);
        }

        var voucher = await db.FindVoucherAsync(book.Value.Book.Id, number, ct);
        return voucher.Succeeded
            ? await DocumentAsync(book.Value.Organization.Code, voucher.Value, ct)
            : Outcome<VoucherDocument>.Failure(voucher.Errors);
    }

    /// <summary>The voucher with this id (as the API's <c>Location</c> names it), whichever book it is in.</summary>
    public async Task<Outcome<VoucherDocument>> ReadAsync(long id, CancellationToken ct = default)
    {
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);
        if (voucher is null)
        {
            return new LedgerError("voucher.unknown", $"there is no voucher with id {id}");
        }

        var orgCode = await db.Books.AsNoTracking().Where(b => b.Id == voucher.BookId)
            .Join(db.Organizations, b => b.OrganizationId, o => o.Id, (_, o) => o.Code).SingleAsync(ct);
        return await DocumentAsync(orgCode, voucher, ct);
    }

    private async Task<Outcome<VoucherDocument>> DocumentAsync(string orgCode, Voucher v, CancellationToken ct)
    {
        var chart = await books.LoadChartAsync(v.BookId, ct);
        var postings = await db.LinesOf(v).AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var counterpartyIds = postings.Where(p => p.CounterpartyId is not null).Select(p => p.CounterpartyId!.Value).Distinct().ToList();
        var counterparties = await db.Counterparties.AsNoTracking().Where(c => counterpartyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var related = await db.Vouchers.AsNoTracking()
            .Where(x => x.ReversesVoucherId == v.Id || x.Id == v.ReversesVoucherId)
            .Select(x => new { x.Id, x.Period, x.Number, x.ReversesVoucherId })
            .ToListAsync(ct);
        string? Numbered(bool reversal) => related.Where(x => (x.ReversesVoucherId == v.Id) == reversal)
            .Select(x => VoucherNumber.Format(AccountingPeriod.FromKey(x.Period), x.Number)).FirstOrDefault();

        var lines = postings.Select(p => new VoucherDocumentLine(
            chart[p.AccountId].Code, chart.FullName(chart[p.AccountId]), p.Summary,
            p.CounterpartyId is { } cp ? counterparties[cp] : null, Money.FromFen(p.Debit), Money.FromFen(p.Credit))).ToList();
        return Outcome<VoucherDocument>.Success(new VoucherDocument(v.Id, orgCode, VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number), v.Date, v.Kind,
            v.Resolution, v.AttachmentCount, v.Preparer, v.PostedAtUtc, lines, ReversedBy: Numbered(reversal: true), Reverses: v.ReversesVoucherId is null ? null : Numbered(reversal: false)));
    }
}

/// <summary>A posted voucher with its lines; <see cref="Number"/> is <c>2024-03/记-0001</c>.</summary>
public sealed record VoucherDocument(
    long Id,
    string OrgCode,
    string Number,
    DateOnly Date,
    VoucherKind Kind,
    string? Resolution,
    int AttachmentCount,
    string Preparer,
    DateTime PostedAtUtc,
    IReadOnlyList<VoucherDocumentLine> Lines,
    string? ReversedBy,
    string? Reverses)
{
    public Money TotalDebit => Money.Sum(Lines.Select(l => l.Debit));

    public Money TotalCredit => Money.Sum(Lines.Select(l => l.Credit));
}

/// <summary>One line of a <see cref="VoucherDocument"/>: the account's code and full name (一级科目—明细科目).</summary>
public sealed record VoucherDocumentLine(string AccountCode, string AccountName, string Summary, string? Counterparty, Money Debit, Money Credit);
