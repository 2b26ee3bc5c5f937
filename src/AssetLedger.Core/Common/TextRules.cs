namespace AssetLedger.Core.Common;

/// <summary>Checks on free text that people type: names, summaries, keys, reasons.</summary>
public static class TextRules
{
    /// <summary>Null when the text is acceptable; otherwise the error, naming the field.</summary>
    public static LedgerError? Check(string field, string? text, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? new LedgerError("text.required", $"{field} is required") : null;
        }

        if (text.Length > maxLength)
        {
            return new LedgerError("text.too_long", $"{field} is {text.Length} characters long; at most {maxLength} are allowed");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return new LedgerError("text.control_character",
                    $"{field} contains a control character (U+{(int)c:X4}); remove it");
            }
        }

        return null;
    }
}
