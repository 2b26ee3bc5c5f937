using AssetLedger.Core.Accounts;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Vouchers;

namespace AssetLedger.Rules.Engine;

/// <summary>One line of a voucher, as rules see it.</summary>
public sealed record LineFact(string Account, string? Counterparty, long Debit, long Credit, string Summary);

/// <summary>A voucher posted since the rule engine last looked (or, in a backtest, dated in its range).</summary>
public sealed record VoucherFact(long Id, string Number, DateOnly Date, string? Resolution, long? Reverses, IReadOnlyList<LineFact> Lines)
{
    /// <summary>Money moved through cash (101) or bank (102), counted once: the larger of what came in and what went out.</summary>
    public long CashMoved { get; } = Math.Max(Lines.Where(IsCashOrBank).Sum(l => l.Debit), Lines.Where(IsCashOrBank).Sum(l => l.Credit));

    /// <summary>Money paid out of cash (101) or bank (102): their credits.</summary>
    public long CashPaid { get; } = Lines.Where(IsCashOrBank).Sum(l => l.Credit);

    /// <summary>Who the voucher deals with: the first counterparty named on its lines.</summary>
    public string? Counterparty { get; } = Lines.Select(l => l.Counterparty).FirstOrDefault(c => c is not null);

    private static bool IsCashOrBank(LineFact line) =>
        line.Account.StartsWith("101", StringComparison.Ordinal) || line.Account.StartsWith("102", StringComparison.Ordinal);
}

/// <summary>
/// A payment out of cash or bank to a counterparty (SPLIT_PAYMENT's unit): the voucher, its day and the amount paid.
/// The engine keeps the payments it has read in an index by book, counterparty and date, so that looking back
/// costs what the new payments need, not what the ledger holds.
/// </summary>
public sealed record PaymentFact(long VoucherId, string Number, DateOnly Date, string Counterparty, long Amount)
{
    /// <summary>The voucher as a payment, when it pays money out to a named counterparty and is not itself a reversal.</summary>
    public static PaymentFact? Of(VoucherFact v) =>
        v.Reverses is null && v.Counterparty is { } c && v.CashPaid is > 0 and var paid ? new PaymentFact(v.Id, v.Number, v.Date, c, paid) : null;
}

/// <summary>Posted vouchers as rules see them.</summary>
public static class VoucherFacts
{
    public static List<VoucherFact> Of(BookChart chart, IReadOnlyDictionary<int, string> counterparties, List<LoggedVoucher> vouchers) =>
        vouchers.Select(v => new VoucherFact(v.Id, VoucherNumber.Format(AccountingPeriod.FromKey(v.Period), v.Number), v.Date, v.Resolution, v.ReversesVoucherId,
            v.Lines.Select(p => new LineFact(chart[p.AccountId].Code, p.CounterpartyId is { } c ? counterparties[c] : null, p.Debit, p.Credit, p.Summary)).ToList())).ToList();
}
