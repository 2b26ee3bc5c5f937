using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;

namespace AssetLedger.Core.Vouchers;

/// <summary>One line of a voucher as typed: text, not yet amounts. A line with nothing in it is no line.</summary>
public sealed record VoucherFormLine(string? Account, string? Summary, string? Debit, string? Credit, string? Counterparty = null)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Summary) && string.IsNullOrWhiteSpace(Account) && string.IsNullOrWhiteSpace(Debit) && string.IsNullOrWhiteSpace(Credit);
}

/// <summary>How a form names its fields in errors: the API by its JSON paths, the page as a person reads it (第 3 行 借方).</summary>
/// <param name="Voucher">What the voucher as a whole is called in errors about it or its lines (default: <c>voucher KEY</c>).</param>
public sealed record VoucherFormPlaces(string Date, Func<int, string> Debit, Func<int, string> Credit, string? Voucher = null);

/// <summary>
/// A voucher as typed into a form — the entry page's, the API's JSON — before anything is parsed: the one place
/// where its text becomes a <see cref="VoucherDraft"/> (dates, amounts, blank is zero, blank lines skipped), every
/// error named at its field, for <see cref="VoucherEntry"/> to post.
/// </summary>
public sealed record VoucherForm(string? Key, string? Date, IReadOnlyList<VoucherFormLine?>? Lines, string? Resolution = null, int Attachments = 0)
{
    public Outcome<VoucherDraft> ToDraft(string? preparer, VoucherFormPlaces places)
    {
        var errors = new List<LedgerError>();
        var date = CsvTable.ParseDate(Date ?? string.Empty);
        errors.AddRange(date.Errors.Select(e => e.At(places.Date)));
        var lines = new List<VoucherLineDraft>();
        for (var i = 0; i < (Lines?.Count ?? 0); i++)
        {
            if (Lines![i] is not { IsBlank: false } line)
            {
                continue;
            }

            var debit = Money.ParseOrZero(line.Debit);
            var credit = Money.ParseOrZero(line.Credit);
            errors.AddRange(debit.Errors.Select(e => e.At(places.Debit(i))));
            errors.AddRange(credit.Errors.Select(e => e.At(places.Credit(i))));
            if (debit.Succeeded && credit.Succeeded)
            {
                lines.Add(new VoucherLineDraft((line.Account ?? string.Empty).Trim(), line.Summary ?? string.Empty, debit.Value, credit.Value,
                    string.IsNullOrWhiteSpace(line.Counterparty) ? null : line.Counterparty.Trim()));
            }
        }

        return errors.Count > 0
            ? Outcome<VoucherDraft>.Failure(errors)
            : Outcome<VoucherDraft>.Success(new VoucherDraft(Key ?? string.Empty, date.Value, lines, Resolution, Math.Max(0, Attachments), preparer));
    }
}

/// <summary>Voucher entry, for the page and the API alike: the form read, the book's chart, the one posting path.</summary>
public sealed class VoucherEntry(BookDirectory books, VoucherPosting posting)
{
    public async Task<Outcome<PostedVoucher>> PostAsync(string orgCode, VoucherForm form, string? preparer, VoucherFormPlaces places, CancellationToken ct = default)
    {
        var draft = form.ToDraft(preparer, places);
        var book = await books.FindBookAsync(orgCode, ct);
        if (!draft.Succeeded || !book.Succeeded)
        {
            return Outcome<PostedVoucher>.Failure([.. book.Errors, .. draft.Errors]);
        }

        var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
        var posted = await posting.PostAsync(chart, [SourcedDraft.Of(draft.Value, places.Voucher ?? $"voucher {draft.Value.Key}")], ct);
        return posted.Succeeded ? Outcome<PostedVoucher>.Success(posted.Value.Vouchers[0]) : Outcome<PostedVoucher>.Failure(posted.Errors);
    }
}
