using System.Globalization;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.Tests.Support;

/// <summary>
/// Facts stated in a few lines for a rule's pure tests: vouchers as their lines (amounts in 元), the day, and what
/// each declared source read — no database.
/// </summary>
public static class Given
{
    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The book's facts on <paramref name="asOf"/> with these new vouchers.</summary>
    public static RuleFacts On(string asOf, params VoucherFact[] vouchers) => RuleFacts.Of(bookId: 1, orgCode: "V1", Day(asOf), vouchers);

    /// <summary>Voucher <paramref name="id"/> dated <paramref name="date"/>, numbered 记-000id in its month.</summary>
    public static VoucherFact Voucher(long id, string date, params LineFact[] lines) =>
        new(id, $"{date[..7]}/记-{id:0000}", Day(date), null, null, lines);

    public static LineFact Dr(string account, decimal yuan, string? counterparty = null) => new(account, counterparty, Fen(yuan), 0, "摘要");

    public static LineFact Cr(string account, decimal yuan, string? counterparty = null) => new(account, counterparty, 0, Fen(yuan), "摘要");

    public static long Fen(decimal yuan) => (long)(yuan * 100);

    /// <summary>The rule's defaults, with some changed.</summary>
    public static RuleParameters Parameters(IRule rule, params (string Name, decimal Value)[] changed)
    {
        var values = new Dictionary<string, decimal>(rule.Definition.Defaults);
        foreach (var (name, value) in changed)
        {
            values[name] = value;
        }

        return new RuleParameters(values);
    }

    public static List<Finding> Evaluate(this IRule rule, RuleFacts facts, params (string Name, decimal Value)[] changed) =>
        rule.Evaluate(facts, Parameters(rule, changed)).ToList();
}
