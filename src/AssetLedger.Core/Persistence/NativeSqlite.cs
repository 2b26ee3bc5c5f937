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

    /// <summary>The statement with its <c>@name</c> parameters numbered instead (<c>$1</c>, <c>$2</c>…, in the same order).</summary>
    public static string ToPositional(string sql)
    {
        var names = ParameterNames(sql);
        return ParameterPattern().Replace(sql, m => "$" + (IndexOf(names, m.Value) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    public static void Check(sqlite3 db, int rc, int expected = raw.SQLITE_OK)
    {
        if (rc != expected)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
