using System.Text.Json;
using System.Text.Json.Serialization;

namespace AssetLedger.Core.Statements;

/// <summary>
/// A statement's layout as data (embedded JSON under Statements/Definitions): each line either sums accounts on
/// one side, or combines earlier lines. A wrong formula is fixed in the JSON, not in code.
/// </summary>
public sealed record StatementDefinition(string Title, string Measure, IReadOnlyList<string> Columns, IReadOnlyList<StatementLineDefinition> Lines)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static StatementDefinition BalanceSheet { get; } = Load("balance-sheet");

    public static StatementDefinition IncomeStatement { get; } = Load("income-statement");

    private static StatementDefinition Load(string name)
    {
        using var stream = typeof(StatementDefinition).Assembly.GetManifestResourceStream($"AssetLedger.Core.statements.{name}.json")
            ?? throw new InvalidOperationException($"Embedded statement definition {name} is missing from the build.");
        var definition = JsonSerializer.Deserialize<StatementDefinition>(stream, Options)
            ?? throw new InvalidOperationException($"Statement definition {name} is empty.");
        definition.Validate();
        return definition;
    }

    /// <summary>Every line refers only to lines above it, and every line sums something.</summary>
    private void Validate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines)
        {
            if ((line.Accounts is null) == (line.LinesReferenced is null))
            {
                throw new InvalidOperationException($"{Title}: line {line.Id} must have either accounts or lines.");
            }

            foreach (var reference in line.LinesReferenced ?? [])
            {
                if (!seen.Contains(reference.TrimStart('-')))
                {
                    throw new InvalidOperationException($"{Title}: line {line.Id} refers to {reference}, which is not above it.");
                }
            }

            if (!seen.Add(line.Id))
            {
                throw new InvalidOperationException($"{Title}: line id {line.Id} appears twice.");
            }
        }
    }
}

/// <param name="Accounts">Account codes (with their details); <c>113+</c> sums only the details (per
/// counterparty) whose balance lies on this line's side.</param>
/// <param name="LinesReferenced">Earlier line ids, <c>-id</c> to subtract.</param>
/// <param name="Measure">Overrides the statement's measure: <c>yearOpening</c> is the balance at 1 January.</param>
public sealed record StatementLineDefinition(
    string Id,
    int? Row,
    string Name,
    string? Prefix,
    string? Side,
    bool Total,
    string? Measure,
    IReadOnlyList<string>? Accounts,
    [property: JsonPropertyName("lines")] IReadOnlyList<string>? LinesReferenced);
