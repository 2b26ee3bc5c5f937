using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;

namespace AssetLedger.Core.Vouchers;

/// <summary>
/// Voucher numbers: 记-0001 within a month; <c>2024-03/记-0001</c> names one voucher of a book unambiguously.
/// </summary>
public static class VoucherNumber
{
    public const string Prefix = "记-";

    public static string Format(int number) => Prefix + number.ToString("0000", CultureInfo.InvariantCulture);

    public static string Format(AccountingPeriod period, int number) => $"{period}/{Format(number)}";

    /// <summary>
    /// Parses <c>2024-03/记-0001</c>, <c>记-0001</c>, <c>0001</c> or <c>1</c>. The period is null when the text
    /// has none (the caller then resolves the number within the book and refuses an ambiguous one).
    /// </summary>
    public static Outcome<(AccountingPeriod? Period, int Number)> Parse(string? text)
    {
        var s = (text ?? string.Empty).Trim();
        AccountingPeriod? period = null;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var p = AccountingPeriod.Parse(s[..slash]);
            if (!p.Succeeded)
            {
                return Outcome<(AccountingPeriod?, int)>.Failure(p.Errors);
            }

            period = p.Value;
            s = s[(slash + 1)..];
        }

        if (s.StartsWith(Prefix, StringComparison.Ordinal))
        {
            s = s[Prefix.Length..];
        }

        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return Outcome<(AccountingPeriod?, int)>.Success((period, n));
        }

        return new LedgerError("voucher.number_invalid",
            $"'{text}' is not a voucher number: write it as 2024-03/记-0001 (or 记-0001 when only one month has it)");
    }
}
