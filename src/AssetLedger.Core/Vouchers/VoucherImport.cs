using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;

namespace AssetLedger.Core.Vouchers;

/// <summary>
/// <c>voucher import FILE --org CODE</c>: a CSV file of vouchers into one book, all or nothing. Re-importing the
/// same file changes nothing (each voucher's key is its idempotency key).
/// </summary>
public sealed class VoucherImport(BookDirectory books, VoucherPosting posting, ImportLimits limits)
{
    public async Task<Outcome<PostingReport>> ImportAsync(string orgCode, Stream csv, CancellationToken ct = default)
    {
        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<PostingReport>.Failure(book.Errors);
        }

        var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
        return await posting.PostAsync(chart, VoucherCsvReader.Read(csv, limits, ct), ct);
    }
}
