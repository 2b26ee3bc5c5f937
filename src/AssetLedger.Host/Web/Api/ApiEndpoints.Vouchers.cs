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
    /// <summary>Where an error is in the JSON body.</summary>
    private static readonly VoucherFormPlaces JsonPlaces = new("date", i => $"lines[{i}].debit", i => $"lines[{i}].credit");

    private static void MapVouchers(RouteGroupBuilder api)
    {
        api.MapPost("/vouchers", async (VoucherRequest body, ClaimsPrincipal user, VoucherEntry entry, CancellationToken ct) =>
        {
            var form = new VoucherForm(body.Key, body.Date,
                body.Lines?.Select(l => l is null ? null : new VoucherFormLine(l.Account, l.Summary, l.Debit, l.Credit, l.Counterparty)).ToList(), body.Resolution);
            var posted = await entry.PostAsync(body.Org, form, user.Identity?.Name, JsonPlaces, ct);
            if (!posted.Succeeded)
            {
                return Problem(400, posted.Errors);
            }

            var v = posted.Value;
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
