namespace AssetLedger.Core.Common;

/// <summary>
/// Argument checks for programmer errors (a null where none is allowed, a value outside a documented range).
/// User input never reaches these: it is validated into <see cref="LedgerError"/>s first.
/// </summary>
internal static class Preconditions
{
    public static void CheckArgument(bool expression, string paramName, string message)
    {
        if (!expression)
        {
            throw new ArgumentException(message, paramName);
        }
    }

    public static void CheckArgumentRange(string paramName, long value, long minInclusive, long maxInclusive)
    {
        if (value < minInclusive || value > maxInclusive)
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"Value should be in range [{minInclusive}-{maxInclusive}]");
        }
    }
}
