using System.Text;

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

        return Storable(field, text);
    }

    /// <summary>
    /// Null when every character of the text can be kept and written out again — in the books, the statements and the
    /// workbooks, which are XML: U+FFFE, U+FFFF, a half of a surrogate pair or a control character (tab and line
    /// breaks aside) cannot, and text holding one would break every report it appears in, for good.
    /// </summary>
    public static LedgerError? Storable(string field, string? text)
    {
        var at = FirstUnstorable(text);
        return at < 0 ? null : new LedgerError("text.unstorable_character",
            $"{field} contains a character that cannot be stored (U+{(int)text![at]:X4}, character {at + 1}); remove it");
    }

    /// <summary>The index of the first character XML cannot hold, or -1.</summary>
    public static int FirstUnstorable(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!System.Xml.XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The text with every character XML cannot hold replaced by U+FFFD, for the writers: whatever is stored, a report is written.</summary>
    public static string ForXml(string text)
    {
        if (FirstUnstorable(text) < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(System.Xml.XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return clean.ToString();
    }
}
