using System.Security.Claims;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Vouchers;
using AssetLedger.Host.Accounts;
using AssetLedger.Host.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AssetLedger.Host.Web.Api;

public static partial class ApiEndpoints
{
    /// <summary>Where an error is in the JSON body.</summary>
    private static readonly VoucherFormPlaces JsonPlaces = new("date", i => $"lines[{i}].debit", i => $"lines[{i}].credit");

    /// <summary>Vouchers: posting (an idempotency key makes a retry harmless), the month's list with their lines (序时账 order), and red-ink reversal.</summary>
    private static void MapVouchers(RouteGroupBuilder api)
    {
        api.MapPost("/vouchers", async Task<Results<Created<PostedVoucherJson>, Ok<PostedVoucherJson>, ProblemHttpResult>> (VoucherRequest body, ClaimsPrincipal user, VoucherEntry entry, CancellationToken ct) =>
        {
            var form = new VoucherForm(body.Key, body.Date,
                body.Lines?.Select(l => l is null ? null : new VoucherFormLine(l.Account, l.Summary, l.Debit, l.Credit, l.Counterparty)).ToList(), body.Resolution);
            var posted = await entry.PostAsync(body.Org, form, user.Identity?.Name, JsonPlaces, ct);
            if (!posted.Succeeded)
            {
                return Problem(400, posted.Errors);
            }

            var v = posted.Value;
            var answer = new PostedVoucherJson(v.Id, v.DisplayNumber, v.AlreadyPosted);
            return v.AlreadyPosted ? TypedResults.Ok(answer) : TypedResults.Created($"/api/vouchers/{v.Id}", answer);
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");

        // A voucher outside what the user may read is answered as missing (the gate's resource source): its existence is not theirs to learn.
        api.MapGet("/vouchers/{id:long}", async Task<Results<Ok<VoucherJson>, ProblemHttpResult>> (long id, VoucherReader reader, CancellationToken ct) =>
        {
            var read = await reader.ReadAsync(id, ct);
            if (!read.Succeeded)
            {
                return Problem(404, read.Errors);
            }

            var v = read.Value;
            return TypedResults.Ok(new VoucherJson(
                v.Id, v.OrgCode, v.Number, v.Date, v.Kind.ToString().ToLowerInvariant(), v.Resolution, v.AttachmentCount, v.Preparer, v.PostedAtUtc, v.Reverses, v.ReversedBy,
                v.TotalDebit.Yuan, v.TotalCredit.Yuan,
                v.Lines.Select(l => new VoucherLineJson(l.AccountCode, l.AccountName, l.Summary, l.Counterparty, l.Debit.Yuan, l.Credit.Yuan)).ToList()));
        }).Requires(AccessScope.Action.Read, OrgSource.Voucher, "id");

        api.MapGet("/vouchers", async Task<Results<Ok<List<JournalVoucherJson>>, ProblemHttpResult>> (string org, string period, StatementService statements, CancellationToken ct) =>
        {
            if (ParsePeriod(period, out var month) is { } badPeriod)
            {
                return badPeriod;
            }

            var journal = await statements.JournalAsync(org, month, ct);
            return journal.Succeeded
                ? TypedResults.Ok(journal.Value.Entries.GroupBy(e => (e.OrgCode, e.VoucherNumber)).Select(v => new JournalVoucherJson(
                    v.Key.OrgCode, $"{month}/{v.Key.VoucherNumber}", v.First().Date,
                    v.Select(l => new VoucherLineJson(l.AccountCode, l.AccountName, l.Summary, l.Counterparty, l.Debit.Yuan, l.Credit.Yuan)).ToList())).ToList())
                : Problem(400, journal.Errors);
        }).Requires(AccessScope.Action.Read, OrgSource.Query, "org");

        api.MapPost("/vouchers/reverse", async Task<Results<Ok<PostedVoucherJson>, ProblemHttpResult>> (ReverseRequest body, VoucherReversal reversal, CancellationToken ct) =>
        {
            var date = CsvTable.ParseDate(body.Date ?? string.Empty);
            if (!date.Succeeded)
            {
                return Problem(400, date.Errors.Select(e => e.At("date")).ToList());
            }

            var reversed = await reversal.ReverseAsync(body.Org, body.Voucher ?? string.Empty, date.Value, ct);
            return Answer(reversed, v => new PostedVoucherJson(v.Id, v.DisplayNumber, v.AlreadyPosted));
        }).Requires(AccessScope.Action.Post, OrgSource.Body, "org");
    }
}

/// <summary>A voucher posted (201), or found already posted under the same key (200).</summary>
public sealed record PostedVoucherJson(long Id, string Voucher, bool AlreadyPosted);

/// <summary>One voucher as a person reads it: lines with account names, totals (元), who prepared it, its reversal.</summary>
public sealed record VoucherJson(
    long Id, string Org, string Voucher, DateOnly Date, string Kind, string? Resolution, int Attachments, string? Preparer, DateTime PostedAt, string? Reverses,
    string? ReversedBy, decimal TotalDebit, decimal TotalCredit, IReadOnlyList<VoucherLineJson> Lines);

/// <summary>A voucher line (元).</summary>
public sealed record VoucherLineJson(string Account, string Name, string Summary, string? Counterparty, decimal Debit, decimal Credit);

/// <summary>A voucher of the month's 序时账.</summary>
public sealed record JournalVoucherJson(string Org, string Voucher, DateOnly Date, IReadOnlyList<VoucherLineJson> Lines);
