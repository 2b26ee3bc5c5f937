namespace AssetLedger.Core.Common;

/// <summary>
/// One thing wrong with an input, as data: a stable code for programs, a sentence for people, and where it is
/// (a file line and column, a voucher key, an account code) when that is known.
/// </summary>
/// <param name="Code">Stable, dotted, English: <c>voucher.unbalanced</c>, <c>money.too_many_decimals</c>.</param>
/// <param name="Message">What is wrong, naming the offending value.</param>
/// <param name="Location">Where: <c>line 12, column debit</c>, <c>voucher K-7</c>; null when the whole input is meant.</param>
public sealed record LedgerError(string Code, string Message, string? Location = null)
{
    public override string ToString() => Location is null ? $"{Message} [{Code}]" : $"{Location}: {Message} [{Code}]";

    public LedgerError At(string location) =>
        location.Length == 0 ? this : this with { Location = Location is null ? location : $"{location}, {Location}" };
}
