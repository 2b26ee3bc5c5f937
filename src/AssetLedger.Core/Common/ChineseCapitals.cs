using System.Text;

namespace AssetLedger.Core.Common;

/// <summary>
/// 人民币大写: an amount written out as on a paper voucher or cheque (壹仟贰佰叁拾肆元伍角陆分), by the rules of the
/// 《支付结算办法》 附件《正确填写票据和结算凭证的基本规定》: 整 after 元 when there are no 角 and 分; one 零 for each run
/// of zeros between digits, and where the 元 digit is zero before 角 or 分; no 整 after 分. A negative amount (red ink)
/// is written with 负 in front.
/// </summary>
public static class ChineseCapitals
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    public static string Format(Money amount)
    {
        var fen = amount.Fen;
        if (fen == 0)
        {
            return "零元整";
        }

        var text = new StringBuilder(fen < 0 ? "负" : string.Empty);
        var abs = (ulong)Math.Abs(fen);
        var yuan = abs / 100;
        var jiao = (int)(abs / 10 % 10);
        var cents = (int)(abs % 10);
        if (yuan > 0)
        {
            text.Append(Yuan(yuan)).Append('元');
        }

        if (jiao == 0 && cents == 0)
        {
            return text.Append('整').ToString();
        }

        // 1,000.05 → 壹仟元零伍分; 1,680.32 → 壹仟陆佰捌拾元零叁角贰分: a zero 元 digit, or a zero 角 between 元 and 分, is read.
        if (yuan > 0 && (yuan % 10 == 0 || jiao == 0))
        {
            text.Append('零');
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }

        if (cents > 0)
        {
            text.Append(Digits[cents]).Append('分');
        }

        return text.ToString();
    }

    /// <summary>The whole 元, in groups of four digits (万, 亿), one 零 for each run of zeros that has digits on both sides.</summary>
    private static string Yuan(ulong yuan)
    {
        var groups = new List<int>();
        for (var n = yuan; n > 0; n /= 10_000)
        {
            groups.Add((int)(n % 10_000));
        }

        var text = new StringBuilder();
        var zeroPending = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                zeroPending = text.Length > 0; // 壹亿零伍仟: a whole group of zeros is read once
                continue;
            }

            for (var place = 3; place >= 0; place--)
            {
                var digit = group / (int)Math.Pow(10, place) % 10;
                if (digit == 0)
                {
                    zeroPending = text.Length > 0;
                    continue;
                }

                if (zeroPending)
                {
                    text.Append('零');
                    zeroPending = false;
                }

                text.Append(Digits[digit]).Append(PlaceUnits[place]);
            }

            // Zeros that end a group are read only if the next group starts with zeros too (壹拾万伍仟, 壹拾万零伍佰).
            text.Append(GroupUnits[g]);
            zeroPending = false;
        }

        return text.ToString();
    }
}
