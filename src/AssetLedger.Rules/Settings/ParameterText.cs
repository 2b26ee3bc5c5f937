using System.Globalization;
using AssetLedger.Core.Common;

namespace AssetLedger.Rules.Settings;

/// <summary>
/// A rule parameter's value as typed — on the command line, in the API's JSON, in a page's form — read in one place,
/// so that all three accept and refuse the same text.
/// </summary>
public static class ParameterText
{
    public const string InvalidCode = "rule.value_invalid";

    /// <summary>A value: a plain decimal number (元 for amounts).</summary>
    public static Outcome<decimal> Parse(string? text, string? location = null) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? Outcome<decimal>.Success(value)
            : new LedgerError(InvalidCode, $"'{text}' is not a number", location);

    /// <summary>Proposed values for a backtest, each <c>NAME=VALUE</c>; every one that is not is named.</summary>
    public static Outcome<Dictionary<string, decimal>> ParseAssignments(IEnumerable<string> assignments, string location)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var errors = new List<LedgerError>();
        foreach (var text in assignments)
        {
            var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && Parse(parts[1]) is { Succeeded: true } value)
            {
                values[parts[0]] = value.Value;
            }
            else
            {
                errors.Add(new LedgerError(InvalidCode, $"'{text}' is not NAME=VALUE with a number", location));
            }
        }

        return errors.Count > 0 ? Outcome<Dictionary<string, decimal>>.Failure(errors) : Outcome<Dictionary<string, decimal>>.Success(values);
    }

    /// <summary>Proposed values given as a map (the API's JSON): each value read as <see cref="Parse"/>, errors at <c>parameters.NAME</c>.</summary>
    public static Outcome<Dictionary<string, decimal>> ParseMap(IReadOnlyDictionary<string, string>? map, string location)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var errors = new List<LedgerError>();
        foreach (var (name, text) in map ?? new Dictionary<string, string>())
        {
            var value = Parse(text, $"{location}.{name}");
            if (value.Succeeded)
            {
                values[name] = value.Value;
            }

            errors.AddRange(value.Errors);
        }

        return errors.Count > 0 ? Outcome<Dictionary<string, decimal>>.Failure(errors) : Outcome<Dictionary<string, decimal>>.Success(values);
    }
}
