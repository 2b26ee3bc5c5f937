namespace AssetLedger.Core.Vouchers;

/// <summary>
/// The audit entry of one posting command: how many vouchers and postings it wrote, and the contiguous id range
/// they occupy, so that <c>verify</c> can check every voucher is accounted for.
/// </summary>
public sealed record VoucherAudit(int Vouchers, long Postings, long FirstId, long LastId, IReadOnlyDictionary<string, string> Numbers, string? Key)
{
    public const string PostAction = "voucher.post";
    public const string ActionPrefix = "voucher.";

    public static string ActionFor(VoucherKind kind) => kind switch
    {
        VoucherKind.Reversal => "voucher.reverse",
        VoucherKind.YearEndClose => "voucher.year_end_close",
        _ => PostAction,
    };
}
