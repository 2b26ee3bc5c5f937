using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// Every <see cref="DateTime"/> the contexts store is a UTC instant (the columns end in <c>_utc</c>). PostgreSQL's
/// <c>timestamp with time zone</c> takes only UTC values and SQLite's text gives back unspecified ones; this
/// converter makes both say UTC, in and out, so the same code runs on either.
/// </summary>
public static class UtcDateTimes
{
    public static void Apply(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<Converter>();
        configuration.Properties<DateTime?>().HaveConversion<Converter>();
    }

    public sealed class Converter() : ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
    {
        private static DateTime ToUtc(DateTime value) => value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
    }
}
