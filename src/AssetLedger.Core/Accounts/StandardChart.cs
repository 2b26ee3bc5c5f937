using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace AssetLedger.Core.Accounts;

/// <summary>One account of the official chart.</summary>
public sealed record StandardAccount(
    string Code, string Name, AccountCategory Category, BalanceSide NormalSide, string? ParentCode, AccountFlags Flags);

/// <summary>
/// The chart of accounts of 《农村集体经济组织会计制度》(财会〔2023〕14号): 42 first-level accounts and the details
/// of 322 收益分配, loaded from the CSV embedded in this assembly (a copy of the domain notes' file).
/// </summary>
public static class StandardChart
{
    public const string Standard2023 = "2023";

    private static readonly Lazy<IReadOnlyList<StandardAccount>> Accounts2023 = new(() => Load("chart-of-accounts-2023.csv"));

    public static IReadOnlyList<StandardAccount> Chart2023 => Accounts2023.Value;

    private static List<StandardAccount> Load(string resource)
    {
        using var stream = typeof(StandardChart).Assembly.GetManifestResourceStream($"AssetLedger.Core.{resource}")
            ?? throw new InvalidOperationException($"Embedded chart {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var result = new List<StandardAccount>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var parent = csv.GetField("parent_code");
            result.Add(new StandardAccount(
                csv.GetField("code")!,
                csv.GetField("name")!,
                ParseCategory(csv.GetField("category")!),
                csv.GetField("normal_side") == "借" ? BalanceSide.Debit : BalanceSide.Credit,
                string.IsNullOrEmpty(parent) ? null : parent,
                ParseFlags(csv.GetField("flags") ?? string.Empty)));
        }

        return result;
    }

    private static AccountCategory ParseCategory(string s) => s switch
    {
        "资产" => AccountCategory.Asset,
        "负债" => AccountCategory.Liability,
        "所有者权益" => AccountCategory.Equity,
        "成本" => AccountCategory.Cost,
        "损益" => AccountCategory.ProfitAndLoss,
        _ => throw new InvalidOperationException($"Unknown account category '{s}' in the embedded chart."),
    };

    private static AccountFlags ParseFlags(string s)
    {
        var flags = AccountFlags.None;
        foreach (var f in s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flags |= f switch
            {
                "cash" => AccountFlags.Cash,
                "bank" => AccountFlags.Bank,
                "counterparty" => AccountFlags.Counterparty,
                "two_sided" => AccountFlags.TwoSided,
                "contra" => AccountFlags.Contra,
                "closes_to_321" => AccountFlags.ClosesTo321,
                _ => throw new InvalidOperationException($"Unknown account flag '{f}' in the embedded chart."),
            };
        }

        return flags;
    }
}
