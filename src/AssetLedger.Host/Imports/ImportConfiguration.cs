using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;

namespace AssetLedger.Host.Imports;

/// <summary><see cref="ImportLimits"/> from configuration (<c>Imports:MaxWorkbookMegabytes</c>), checked with a sentence naming the setting.</summary>
public static class ImportConfiguration
{
    public static Outcome<ImportLimits> From(IConfiguration configuration)
    {
        if (configuration[ImportLimits.Setting] is not { Length: > 0 } text)
        {
            return Outcome<ImportLimits>.Success(ImportLimits.Default);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) && megabytes is >= 1 and <= 4096
            ? Outcome<ImportLimits>.Success(new ImportLimits(megabytes))
            : new LedgerError("config.import_limit", $"{ImportLimits.Setting} '{text}' is not a number of megabytes from 1 to 4096");
    }
}
