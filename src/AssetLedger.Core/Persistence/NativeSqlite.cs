using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AssetLedger.Core.Persistence;

/// <summary>What <see cref="BulkInsert"/> and <see cref="BulkQuery"/> share: parameters by position, SQLite's errors.</summary>
internal static partial class NativeSqlite
{
    [GeneratedRegex("@[a-z_]+")]
    private static partial Regex ParameterPattern();

    /// <summary>The <c>@name</c> parameters of a statement in order of first appearance — SQLite's numbering.</summary>
    public static IReadOnlyList<string> ParameterNames(string sql) =>
        ParameterPattern().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

    public static void Check(sqlite3 db, int rc, int expected = raw.SQLITE_OK)
    {
        if (rc != expected)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
