using System.Globalization;
using System.Text;

namespace AssetLedger.Host.Demo;

/// <summary>
/// The demo county (清河县): 3 townships, 12 villages, the year 2025 of their books — opening balances, about 2,500
/// vouchers, budgets, fixed assets, land and waters, lease contracts — as the import files a user would bring, made
/// from a fixed seed so that generating again writes the same bytes. Planted in it, one case for each rule a county
/// watches most: a large payment without a resolution, spending over budget, a disposal below book value (made by
/// <see cref="DemoLoader"/>), a split payment, cash over the limit and kept too long, rent in arrears.
/// </summary>
public static class DemoCounty
{
    public const int Year = 2025;

    public static readonly IReadOnlyList<(string Code, string Name, string Level, string? Parent)> Organizations =
    [
        ("3301", "清河县", "county", null),
        ("330101", "城关镇", "township", "3301"), ("330102", "东坝镇", "township", "3301"), ("330103", "西山乡", "township", "3301"),
        ("33010101", "东风村", "village", "330101"), ("33010102", "西岭村", "village", "330101"), ("33010103", "南湖村", "village", "330101"), ("33010104", "北坡村", "village", "330101"),
        ("33010201", "桃园村", "village", "330102"), ("33010202", "柳河村", "village", "330102"), ("33010203", "石桥村", "village", "330102"), ("33010204", "新庄村", "village", "330102"),
        ("33010301", "青山村", "village", "330103"), ("33010302", "红星村", "village", "330103"), ("33010303", "民主村", "village", "330103"), ("33010304", "胜利村", "village", "330103"),
    ];

    public static IEnumerable<(string Code, string Name)> Villages => Organizations.Where(o => o.Level == "village").Select(o => (o.Code, o.Name));

    /// <summary>The people who receive the alerts: a supervisor per township, the county office, one village's 报账员.</summary>
    public static readonly IReadOnlyList<(string Email, string Scope, string Name, string? MinSeverity)> Subscribers =
    [
        ("nongjing.chengguan@qinghe.example.cn", "330101", "城关镇农经站 王五", null),
        ("nongjing.dongba@qinghe.example.cn", "330102", "东坝镇农经站 赵六", null),
        ("nongjing.xishan@qinghe.example.cn", "330103", "西山乡农经站 孙七", null),
        ("sanzi@qinghe.example.cn", "3301", "清河县农业农村局 三资办", "serious"),
        ("baozhang.dongfeng@qinghe.example.cn", "33010101", "东风村报账员 李四", null),
    ];

    /// <summary>The demo's people, one in every role; their password is <see cref="DemoPassword"/>.</summary>
    public static readonly IReadOnlyList<(string User, string Name, string Role, string? Scope)> People =
    [
        ("admin", "系统管理员", "admin", null),
        ("lisi", "东风村报账员 李四", "accountant", "33010101"),
        ("wangwu", "城关镇农经站 王五", "supervisor", "330101"),
        ("shenji", "县审计员 周八", "auditor", "3301"),
    ];

    public const string DemoPassword = "Demo2025pass";

    /// <summary>Writes every file under <paramref name="folder"/>; the same seed, the same bytes.</summary>
    public static IReadOnlyList<string> Generate(string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Write(string name, StringBuilder content)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, content.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }

        var index = 0;
        foreach (var (code, name) in Villages)
        {
            var random = new Random(20_250_000 + index);
            var assets = Assets(random);
            Write($"{code}-assets.csv", assets.Csv);
            Write($"{code}-opening.csv", Opening(random, assets.Cost, assets.Accumulated));
            Write($"{code}-resources.csv", Resources(random, name));
            Write($"{code}-contracts.csv", Contracts(random, index));
            Write($"{code}-budget.csv", Budget(random));
            Write($"{code}-vouchers.csv", Vouchers(random, index));
            index++;
        }

        return written;
    }

    private static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static decimal Amount(Random random, int min, int max) => random.Next(min * 100, (max * 100) + 1) / 100m;

    private static (StringBuilder Csv, decimal Cost, decimal Accumulated) Assets(Random random)
    {
        var csv = new StringBuilder("code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated,months_depreciated\n");
        (string Name, string Category, int Cost, int Life, string Use)[] kinds =
        [
            ("村部办公楼", "房屋及建筑物", 480_000, 240, "management"), ("文化活动中心", "房屋及建筑物", 260_000, 240, "public"),
            ("拖拉机", "机器设备", 86_000, 120, "production"), ("抽水泵站设备", "机器设备", 42_000, 120, "production"),
            ("办公电脑", "电子设备", 6_800, 36, "management"), ("监控设备", "电子设备", 18_500, 60, "public"),
        ];
        decimal cost = 0, accumulated = 0;
        for (var i = 0; i < kinds.Length; i++)
        {
            var k = kinds[i];
            var acquired = new DateOnly(2018 + random.Next(0, 5), 1 + random.Next(0, 12), 10);
            var months = Math.Min(k.Life - 1, ((Year - 1 - acquired.Year) * 12) + (12 - acquired.Month));
            var done = Math.Round(k.Cost * 0.95m / k.Life * months, 2);
            csv.AppendLine(CultureInfo.InvariantCulture, $"F{i + 1:00},{k.Name},{k.Category},{acquired:yyyy-MM-dd},{Yuan(k.Cost)},{k.Life},5%,straight_line,{k.Use},{Yuan(done)},{months}");
            cost += k.Cost;
            accumulated += done;
        }

        return (csv, cost, accumulated);
    }

    private static StringBuilder Opening(Random random, decimal assetCost, decimal accumulated)
    {
        var bank = Amount(random, 200_000, 800_000);
        const decimal cash = 1_500m;
        var total = bank + cash + assetCost - accumulated;
        var reserve = Math.Round(total * 0.2m, 2);
        var csv = new StringBuilder("account,counterparty,debit,credit\n");
        csv.AppendLine(CultureInfo.InvariantCulture, $"101,,{Yuan(cash)},");
        csv.AppendLine(CultureInfo.InvariantCulture, $"102,,{Yuan(bank)},");
        csv.AppendLine(CultureInfo.InvariantCulture, $"151,,{Yuan(assetCost)},");
        csv.AppendLine(CultureInfo.InvariantCulture, $"152,,,{Yuan(accumulated)}");
        csv.AppendLine(CultureInfo.InvariantCulture, $"301,,,{Yuan(total - reserve)}");
        csv.AppendLine(CultureInfo.InvariantCulture, $"311,,,{Yuan(reserve)}");
        return csv;
    }

    private static StringBuilder Resources(Random random, string village)
    {
        var csv = new StringBuilder("code,name,type,area,location,mode,operator\n");
        csv.AppendLine(CultureInfo.InvariantCulture, $"R01,{village[..2]}东片耕地,耕地,{random.Next(120, 400)}.5,村东,家庭承包,");
        csv.AppendLine(CultureInfo.InvariantCulture, $"R02,后山林地,林地,{random.Next(200, 800)},村北,自营,");
        csv.AppendLine(CultureInfo.InvariantCulture, $"R03,村南鱼塘,水面,{random.Next(10, 40)}.25,村南,出租,养殖户");
        csv.AppendLine(CultureInfo.InvariantCulture, $"R04,西片机动地,耕地,{random.Next(30, 90)},村西,发包,种植大户");
        return csv;
    }

    private static StringBuilder Contracts(Random random, int village)
    {
        var csv = new StringBuilder("number,counterparty,kind,subjects,start,end,area,unit_price,annual_amount,payment\n");
        csv.AppendLine(CultureInfo.InvariantCulture, $"HT{village + 1:00}-01,{Surname(village)}某养殖户,租赁,R03,2025-01-01,2029-12-31,,,{random.Next(8, 30) * 1000},annual");
        csv.AppendLine(CultureInfo.InvariantCulture, $"HT{village + 1:00}-02,{Surname(village + 3)}某种植大户,发包,R04,2025-03-01,{(village % 4 == 0 ? "2027-02-28" : "2030-02-28")},40,500,,annual");
        return csv;
    }

    private static string Surname(int i) => "张王李赵刘陈杨黄周吴徐孙"[i % 12].ToString();

    private static StringBuilder Budget(Random random)
    {
        var csv = new StringBuilder("account,amount\n");
        csv.AppendLine(CultureInfo.InvariantCulture, $"501,{random.Next(150, 300) * 1000}");
        csv.AppendLine(CultureInfo.InvariantCulture, $"503,{random.Next(80, 160) * 1000}");
        csv.AppendLine("511,60000");
        csv.AppendLine("513,60000");
        csv.AppendLine("514,120000");
        return csv;
    }

    /// <summary>A year of everyday books, and each village's planted case (by its index).</summary>
    private static StringBuilder Vouchers(Random random, int village)
    {
        var csv = new StringBuilder("key,date,summary,account,debit,credit,counterparty,resolution\n");
        var n = 0;
        void Voucher(DateOnly date, string summary, string debit, string credit, decimal amount, string? resolution = null, string? counterparty = null, bool debitHasCounterparty = true)
        {
            n++;
            var key = $"{date:yyyyMM}-{n:0000}";
            csv.AppendLine(CultureInfo.InvariantCulture, $"{key},{date:yyyy-MM-dd},{summary},{debit},{Yuan(amount)},,{(debitHasCounterparty ? counterparty : null)},{resolution}");
            csv.AppendLine(CultureInfo.InvariantCulture, $"{key},{date:yyyy-MM-dd},{summary},{credit},,{Yuan(amount)},{(debitHasCounterparty ? null : counterparty)},{resolution}");
        }

        string[] office = ["购买办公用品", "支付电话费及网费", "支付村部水电费", "报销村干部差旅费", "支付会议误餐费"];
        string[] welfare = ["支付村内道路保洁费", "支付路灯维修费", "慰问困难群众", "支付垃圾清运费", "购置健身器材"];
        var cash = 1_500m; // the opening balance: petty cash stays well under the 5,000 limit
        for (var month = 1; month <= 12; month++)
        {
            DateOnly Day(int d) => new(Year, month, Math.Min(d, DateTime.DaysInMonth(Year, month)));
            foreach (var d in new[] { 4, 6, 8, 11, 12, 14, 17, 19, 22, 25, 27 }.Take(5 + random.Next(0, 6)))
            {
                if (cash < 800)
                {
                    Voucher(Day(d), "从银行提取备用金", "101", "102", 1_500);
                    cash += 1_500;
                }

                var amount = Amount(random, 50, 600);
                var fromCash = random.Next(0, 2) == 0 && amount <= cash;
                Voucher(Day(d), office[random.Next(office.Length)], "513", fromCash ? "101" : "102", amount);
                cash -= fromCash ? amount : 0;
            }

            foreach (var d in new[] { 7, 15, 23 })
            {
                Voucher(Day(d), "收取村集体经营收入", "102", "501", Amount(random, 1_500, 4_900));
            }

            foreach (var d in new[] { 9, 21 })
            {
                Voucher(Day(d), welfare[random.Next(welfare.Length)], "514", "102", Amount(random, 300, 2_400));
            }

            Voucher(Day(26), "支付农田灌溉电费", "511", "102", Amount(random, 1_000, 4_500));
            if (month % 3 == 0)
            {
                Voucher(Day(10), "收到上级财政补助资金", "102", "503", Amount(random, 20_000, 40_000), $"财补{Year}-{month:00}");
            }

            if (month % 4 == 2)
            {
                Voucher(Day(18), "村道维修工程款", "514", "102", Amount(random, 12_000, 30_000), $"村民代表会议决议{Year}-{month:00}");
            }
        }

        switch (village % 6)
        {
            case 0: // A large payment without a resolution.
                Voucher(new DateOnly(Year, 6, 18), "支付村口道路硬化工程款", "514", "102", 68_000m);
                break;
            case 1: // Spending over the budget of 513 (60,000).
                for (var m = 8; m <= 11; m++)
                {
                    Voucher(new DateOnly(Year, m, 9), "支付村部装修及办公家具款", "513", "102", 14_500m, $"两委会议{Year}-{m:00}");
                }

                break;
            case 2: // A split payment: three payments to one supplier in two weeks, each under 5,000.
                Voucher(new DateOnly(Year, 7, 1), "应付宏达建材水泥款", "153", "211", 5_400m, null, "宏达建材", debitHasCounterparty: false);
                Voucher(new DateOnly(Year, 7, 2), "支付宏达建材水泥款", "211", "102", 1_800m, null, "宏达建材");
                Voucher(new DateOnly(Year, 7, 9), "支付宏达建材水泥款", "211", "102", 1_900m, null, "宏达建材");
                Voucher(new DateOnly(Year, 7, 16), "支付宏达建材水泥款", "211", "102", 1_700m, null, "宏达建材");
                break;
            case 3: // Cash over the limit, kept past three days before it reached the bank.
                Voucher(new DateOnly(Year, 5, 20), "收取集贸市场摊位费现金", "101", "504", 8_000m);
                Voucher(new DateOnly(Year, 5, 27), "将现金存入银行", "102", "101", 8_000m);
                break;
            default:
                break;
        }

        return csv;
    }
}
