using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Vouchers: posting (an idempotency key makes a retry harmless), the month's list with their lines (序时账 order), and red-ink reversal.</summary>
    private static void MapVouchers(RouteGroupBuilder api)
    {
        api.MapPost("/vouchers", async (VoucherRequest body, ClaimsPrincipal user, BookDirectory books, VoucherPosting posting, CancellationToken ct) =>
        {
            var errors = new List<LedgerError>();
            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            errors.AddRange(date.Errors.Select(e => e.At("date")));
            var lines = new List<VoucherLineDraft>();
            for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
            {
                var line = body.Lines![i];
                var debit = string.IsNullOrWhiteSpace(line.Debit) ? Outcome<Money>.Success(Money.Zero) : Money.Parse(line.Debit);
                var credit = string.IsNullOrWhiteSpace(line.Credit) ? Outcome<Money>.Success(Money.Zero) : Money.Parse(line.Credit);
                errors.AddRange(debit.Errors.Select(e => e.At($"lines[{i}].debit")));
                errors.AddRange(credit.Errors.Select(e => e.At($"lines[{i}].credit")));
                if (debit.Succeeded && credit.Succeeded)
                {
                    lines.Add(new VoucherLineDraft(line.Account ?? string.Empty, line.Summary ?? string.Empty, debit.Value, credit.Value, line.Counterparty));
                }
            }

            if (errors.Count > 0)
            {
                return Problem(400, errors);
            }

            var book = await books.FindBookAsync(body.Org, ct);
            var chart = await books.LoadChartAsync(book.Value.Book.Id, ct);
            var posted = await posting.PostAsync(chart, new VoucherDraft(body.Key ?? string.Empty, date.Value, lines, body.Resolution, Preparer: user.Identity?.Name), ct);
            if (!posted.Succeeded)
            {
                return Problem(400, posted.Errors);
            }

            var v = posted.Value.Vouchers[0];
            return v.AlreadyPosted
                ? Results.Ok(new { id = v.Id, voucher = v.DisplayNumber, alreadyPosted = true })
                : Results.Created($"/api/vouchers/{v.Id}", new { id = v.Id, voucher = v.DisplayNumber, alreadyPosted = false });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        // A voucher outside what the user may read is answered as missing (the gate's resource source): its existence is not theirs to learn.
        api.MapGet("/vouchers/{id:long}", async (long id, VoucherReader reader, CancellationToken ct) =>
        {
            var read = await reader.ReadAsync(id, ct);
            if (!read.Succeeded)
            {
                return Problem(404, read.Errors);
            }

            var v = read.Value;
            return Results.Ok(new
            {
                id = v.Id, org = v.OrgCode, voucher = v.Number, date = v.Date, kind = v.Kind.ToString().ToLowerInvariant(), resolution = v.Resolution,
                attachments = v.AttachmentCount, preparer = v.Preparer, postedAt = v.PostedAtUtc, reverses = v.Reverses, reversedBy = v.ReversedBy,
                totalDebit = v.TotalDebit.Yuan, totalCredit = v.TotalCredit.Yuan,
                lines = v.Lines.Select(l => new { account = l.AccountCode, name = l.AccountName, summary = l.Summary, counterparty = l.Counterparty, debit = l.Debit.Yuan, credit = l.Credit.Yuan }),
            });
        }).Requires(AccessScope.Action.Read, OrgSource.Voucher, "id");

        api.MapGet("/vouchers", async (string org, string period, StatementService statements, CancellationToken ct) =>
        {
            if (ParsePeriod(period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var journal = await statements.JournalAsync(org, month, ct);
            return journal.Succeeded
                ? Results.Ok(journal.Value.Entries.GroupBy(e => (e.OrgCode, e.VoucherNumber)).Select(v => new
                {
                    org = v.Key.OrgCode, voucher = $"{month}/{v.Key.VoucherNumber}", date = v.First().Date,
                    lines = v.Select(l => new { account = l.AccountCode, name = l.AccountName, summary = l.Summary, counterparty = l.Counterparty, debit = l.Debit.Yuan, credit = l.Credit.Yuan }),
                }))
                : Problem(400, journal.Errors);
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/vouchers/reverse", async (ReverseRequest body, VoucherReversal reversal, CancellationToken ct) =>
        {
            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            if (!date.Succeeded)
            {
                return Problem(400, date.Errors.Select(e => e.At("date")).ToList());
            }

            var reversed = await reversal.ReverseAsync(body.Org, body.Voucher ?? string.Empty, date.Value, ct);
            return Answer(reversed, v => new { id = v.Id, voucher = v.DisplayNumber, alreadyPosted = v.AlreadyPosted });
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }
}
