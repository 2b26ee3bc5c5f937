using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AssetLedger.Core.Persistence;

/// <summary>One row of a <see cref="BulkQuery"/>, its columns read by position.</summary>
public interface IBulkRow
{
    long Number(int column);

    bool IsNull(int column);

    string Text(int column);

    /// <summary>A date as EF Core stores a <see cref="DateOnly"/> on SQLite (text, yyyy-MM-dd) or natively elsewhere.</summary>
    DateOnly Date(int column);
}

/// <summary>
/// A query whose rows are read by the million (verify's scans), its columns by position. On SQLite it steps the
/// statement through the C API on the connection's handle — ADO.NET's data reader makes two native calls and several
/// checks per column — and other providers get a plain data reader. The read counterpart of <see cref="BulkInsert"/>;
/// public because the rule engine reads the posting log through it too.
/// </summary>
public static class BulkQuery
{
    /// <summary>
    /// Runs <paramref name="sql"/> (with <c>@name</c> parameters, set in order of appearance; each a
    /// <see cref="long"/> or a <see cref="DateOnly"/>) and hands each row to <paramref name="row"/>.
    /// </summary>
    public static long Run(DbConnection connection, string sql, IReadOnlyList<object> parameters, Action<IBulkRow> row, bool native = true)
    {
        if (native && connection is SqliteConnection { Handle: { } db })
        {
            return RunNative(db, sql, parameters, row);
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = NativeSqlite.ParameterNames(sql);
        for (var i = 0; i < names.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = names[i];
            p.Value = parameters[i];
            command.Parameters.Add(p);
        }

        using var reader = command.ExecuteReader();
        var adapter = new ReaderRow(reader);
        long rows = 0;
        while (reader.Read())
        {
            rows++;
            row(adapter);
        }

        return rows;
    }

    private static long RunNative(sqlite3 db, string sql, IReadOnlyList<object> parameters, Action<IBulkRow> row)
    {
        NativeSqlite.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                NativeSqlite.Check(db, parameters[i] switch
                {
                    long value => raw.sqlite3_bind_int64(statement, i + 1, value),
                    DateOnly value => raw.sqlite3_bind_text(statement, i + 1, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    var other => throw new ArgumentException($"BulkQuery binds long and DateOnly, not {other.GetType().Name}", nameof(parameters)),
                });
            }

            var adapter = new NativeRow(statement);
            long rows = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows++;
                row(adapter);
            }

            NativeSqlite.Check(db, rc, raw.SQLITE_DONE);
            return rows;
        }
    }

    private sealed class NativeRow(sqlite3_stmt statement) : IBulkRow
    {
        public long Number(int column) => raw.sqlite3_column_int64(statement, column);

        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public string Text(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

        public DateOnly Date(int column) => DateOnly.ParseExact(Text(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private sealed class ReaderRow(DbDataReader reader) : IBulkRow
    {
        public long Number(int column) => reader.GetInt64(column);

        public bool IsNull(int column) => reader.IsDBNull(column);

        public string Text(int column) => reader.GetString(column);

        public DateOnly Date(int column) => reader.GetFieldValue<DateOnly>(column);
    }
}
