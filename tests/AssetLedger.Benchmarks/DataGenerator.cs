using System.Globalization;
using System.Text;

namespace AssetLedger.Benchmarks;

/// <summary>
/// A county's year of vouchers as import files, deterministic (fixed seed): one CSV per village book, vouchers of
/// two to five lines over the 2024 months, ~60-byte Chinese summaries, counterparties on 112/113/211.
/// </summary>
internal static class DataGenerator
{
    private static readonly string[] Summaries =
    [
        "收到东坡村民小组土地发包收入第{0}期款项", "支付村部办公楼屋顶维修费用及材料款{0}号", "发放村干部及村务监督委员会成员误工补贴{0}",
        "收到镇财政所拨付高标准农田建设补助资金{0}", "支付村道路灯电费及日常维护保养费用{0}", "收回村民借支款项并开具收据编号{0}号",
        "购买村委会办公用品及打印耗材一批{0}", "支付卫生保洁人员劳务费及垃圾清运费{0}月",
    ];

    private static readonly string[] Income = ["501", "503", "504", "502"];
    private static readonly string[] Expense = ["511", "513", "514", "515", "512"];

    public static string OrgCode(int book) => $"V{book:000}";

    public static (long Postings, long Vouchers) Generate(string folder, int books, long postings, int seed = 42)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var perBook = postings / books;
        long totalPostings = 0, totalVouchers = 0;
        for (var b = 1; b <= books; b++)
        {
            var target = b == books ? postings - (perBook * (books - 1)) : perBook;
            using var writer = new StreamWriter(Path.Combine(folder, $"{OrgCode(b)}.csv"), false, new UTF8Encoding(false), 1 << 16);
            writer.Write("key,date,summary,account,debit,credit,counterparty,resolution\n");
            long written = 0;
            var n = 0;
            while (written < target)
            {
                n++;
                var remaining = target - written;
                var lines = (int)Math.Min(remaining, random.Next(2, 6));
                if (remaining - lines == 1)
                {
                    lines++; // never leave a single posting for the last voucher
                }

                var day = (int)(written * 365 / Math.Max(target, 1));
                var date = new DateOnly(2024, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var summary = string.Format(CultureInfo.InvariantCulture, Summaries[random.Next(Summaries.Length)], n);
                var key = $"{OrgCode(b)}-{n:000000}";
                var amounts = new long[lines - 1];
                for (var i = 0; i < amounts.Length; i++)
                {
                    amounts[i] = random.Next(100, 5_000_000);
                }

                var total = amounts.Sum();
                var kind = random.Next(5);
                for (var i = 0; i < lines - 1; i++)
                {
                    var (account, counterparty, debit) = kind switch
                    {
                        0 => (Income[random.Next(Income.Length)], string.Empty, false),
                        1 => (Expense[random.Next(Expense.Length)], string.Empty, true),
                        2 => ("112", $"村民{random.Next(200):000}", true),
                        3 => ("113", $"第{random.Next(1, 9)}村民小组", true),
                        _ => ("211", $"供应商{random.Next(60):00}", false),
                    };
                    Line(writer, key, date, summary, account, debit ? amounts[i] : 0, debit ? 0 : amounts[i], counterparty);
                }

                var balancing = kind is 0 or 4;
                Line(writer, key, date, summary, random.Next(3) == 0 ? "101" : "102", balancing ? total : 0, balancing ? 0 : total, string.Empty);
                written += lines;
                totalVouchers++;
            }

            totalPostings += written;
        }

        return (totalPostings, totalVouchers);
    }

    private static void Line(StreamWriter w, string key, string date, string summary, string account, long debit, long credit, string counterparty)
    {
        w.Write(key);
        w.Write(',');
        w.Write(date);
        w.Write(',');
        w.Write(summary);
        w.Write(',');
        w.Write(account);
        w.Write(',');
        if (debit != 0)
        {
            w.Write(Fen(debit));
        }

        w.Write(',');
        if (credit != 0)
        {
            w.Write(Fen(credit));
        }

        w.Write(',');
        w.Write(counterparty);
        w.Write(",\n");
    }

    private static string Fen(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
