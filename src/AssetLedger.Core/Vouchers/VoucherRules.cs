using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Vouchers;

/// <summary>A voucher that passed <see cref="VoucherRules.Validate"/>: accounts resolved, amounts checked.</summary>
public sealed record ValidatedVoucher(VoucherDraft Draft, AccountingPeriod Period, IReadOnlyList<ValidatedLine> Lines)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Debit));
}

public sealed record ValidatedLine(Account Account, string Summary, Money Debit, Money Credit, string? Counterparty);

/// <summary>
/// The rules every voucher obeys, checked against a book's chart without touching the database: at least two
/// lines, each on one leaf account and one side, counterparties where the account needs one, debits equal to
/// credits. Returns every error, not just the first.
/// </summary>
public static class VoucherRules
{
    public const int MaxKeyLength = 100;
    public const int MaxSummaryLength = 200;
    public const int MaxLines = 500;

    public static Outcome<ValidatedVoucher> Validate(VoucherDraft draft, BookChart chart, Func<int, string>? lineLocation = null)
    {
        lineLocation ??= i => $"line {i + 1}";
        var errors = new List<LedgerError>();
        if (TextRules.Check("voucher key", draft.Key, MaxKeyLength) is { } keyError)
        {
            errors.Add(keyError);
        }

        if (TextRules.Check("resolution", draft.Resolution, 100, required: false) is { } resError)
        {
            errors.Add(resError);
        }

        if (TextRules.Check("preparer", draft.Preparer, 100, required: false) is { } prepError)
        {
            errors.Add(prepError);
        }

        if (draft.AttachmentCount is < 0 or > 9999)
        {
            errors.Add(new LedgerError("voucher.attachments_invalid", $"attachment count {draft.AttachmentCount} must be between 0 and 9999"));
        }

        if (draft.Lines.Count < 2)
        {
            errors.Add(new LedgerError("voucher.too_few_lines", $"a voucher needs at least two lines; this one has {draft.Lines.Count}"));
        }
        else if (draft.Lines.Count > MaxLines)
        {
            errors.Add(new LedgerError("voucher.too_many_lines", $"a voucher has at most {MaxLines} lines; this one has {draft.Lines.Count}"));
        }

        var redInk = draft.Kind == VoucherKind.Reversal;
        var lines = new List<ValidatedLine>(draft.Lines.Count);
        long debit = 0, credit = 0;
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            var where = lineLocation(i);
            var found = chart.Lookup(line.Account);
            var account = found.Succeeded ? found.Value : null;
            if (account is null)
            {
                errors.AddRange(found.Errors.Select(e => e.At(where)));
            }
            else if (!chart.IsLeaf(account))
            {
                errors.Add(new LedgerError("account.not_leaf",
                    $"account {account.Code} {account.Name} has detail accounts; post to one of them", where));
            }
            else if (account.Has(AccountFlags.Counterparty) && string.IsNullOrWhiteSpace(line.Counterparty))
            {
                errors.Add(new LedgerError("posting.counterparty_required",
                    $"account {account.Code} {chart.FullName(account)} needs a counterparty (往来单位/个人)", where));
            }

            if (TextRules.Check("summary (摘要)", line.Summary, MaxSummaryLength) is { } summaryError)
            {
                errors.Add(summaryError.At(where));
            }

            if (TextRules.Check("counterparty", line.Counterparty, 100, required: false) is { } cpError)
            {
                errors.Add(cpError.At(where));
            }

            if (line.Debit.IsZero == line.Credit.IsZero)
            {
                errors.Add(new LedgerError("posting.one_side",
                    line.Debit.IsZero
                        ? "the line has neither a debit nor a credit amount"
                        : "the line has both a debit and a credit amount; put each side on its own line", where));
            }
            else if (!redInk && (line.Debit.IsNegative || line.Credit.IsNegative))
            {
                errors.Add(new LedgerError("posting.negative",
                    "amounts are positive; to correct a posted voucher, reverse it (voucher reverse) and post it again", where));
            }

            debit += line.Debit.Fen;
            credit += line.Credit.Fen;
            if (account is not null)
            {
                lines.Add(new ValidatedLine(account, line.Summary?.Trim() ?? string.Empty, line.Debit, line.Credit,
                    string.IsNullOrWhiteSpace(line.Counterparty) ? null : line.Counterparty.Trim()));
            }
        }

        if (debit != credit)
        {
            errors.Add(new LedgerError("voucher.unbalanced",
                $"debits {Money.FromFen(debit)} and credits {Money.FromFen(credit)} differ by {Money.FromFen(debit - credit).Abs()}"));
        }

        if (errors.Count > 0)
        {
            return Outcome<ValidatedVoucher>.Failure(errors);
        }

        return Outcome<ValidatedVoucher>.Success(
            new ValidatedVoucher(draft, AccountingPeriod.Of(draft.Date), lines));
    }
}
