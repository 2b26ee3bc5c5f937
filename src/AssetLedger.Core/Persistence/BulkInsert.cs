using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AssetLedger.Core.Persistence;

/// <summary>
/// One prepared INSERT, executed many times, its parameters set by position (0-based, in order of appearance in
/// the SQL). The posting path's two hot statements go through it. On SQLite it drives the connection's own
/// statement handle and binds by index: ADO.NET binds every parameter by name on every execution, which costs more
/// than the insert itself (measured: 3.0 against 1.3 µs a posting row). Other providers get a plain ADO.NET
/// command (PostgreSQL's binary COPY would be faster still, but needs every row before the conflict checks).
/// Public because the rule engine writes its alerts, in the same database, through it too.
/// </summary>
public abstract class BulkInsert : IDisposable
{
    public static BulkInsert Prepare(DbConnection connection, DbTransaction transaction, string sql, bool native = true) =>
        native && connection is SqliteConnection sqlite ? new SqliteNative(sqlite, sql)
        : connection is Npgsql.NpgsqlConnection ? new PostgreSqlBatch(connection, transaction, sql, returnsId: false)
        : new AdoNet(connection, transaction, sql);

    /// <summary>
    /// Prepares a plain <c>INSERT INTO table (columns) VALUES (…)</c> into an append-only table that nothing reads
    /// back before <see cref="Flush"/>: on PostgreSQL the rows are kept and written by binary <c>COPY</c> when flushed
    /// (or every 10,000 rows) — one round trip for thousands of rows instead of one a row; elsewhere it is
    /// <see cref="Prepare"/>. <see cref="Execute"/> then always reports one row.
    /// </summary>
    public static BulkInsert PrepareAppend(DbConnection connection, DbTransaction transaction, string sql, bool native = true) =>
        connection is Npgsql.NpgsqlConnection postgres ? new PostgreSqlCopy(postgres, sql) : Prepare(connection, transaction, sql, native);

    /// <summary>
    /// Prepares an <c>INSERT … ON CONFLICT DO NOTHING</c> (no RETURNING clause) into a table with an integer key
    /// <c>id</c>, for <see cref="ExecuteReturningId"/>. SQLite reports the new rowid on its connection — a RETURNING
    /// clause costs it more than the insert itself (measured: 5.2 against 3.2 s for 318,000 alerts) — and other
    /// providers get <c>RETURNING id</c> appended.
    /// </summary>
    public static BulkInsert PrepareReturningId(DbConnection connection, DbTransaction transaction, string sql, bool native = true) =>
        native && connection is SqliteConnection sqlite ? new SqliteNative(sqlite, sql)
        : connection is Npgsql.NpgsqlConnection ? new PostgreSqlBatch(connection, transaction, sql.TrimEnd() + " RETURNING id", returnsId: true)
        : new AdoNet(connection, transaction, sql.TrimEnd() + " RETURNING id");

    public abstract void Set(int index, long value);

    protected abstract void SetText(int index, string value);

    /// <summary>A null, typed as the column's values are, so that a statement's parameter types never change between rows.</summary>
    public abstract void SetNull(int index, DbType type);

    public abstract void Set(int index, DateOnly value);

    public abstract void Set(int index, DateTime value);

    public abstract void Set(int index, bool value);

    public void Set(int index, long? value)
    {
        if (value is { } v)
        {
            Set(index, v);
        }
        else
        {
            SetNull(index, DbType.Int64);
        }
    }

    public void Set(int index, string? value)
    {
        if (value is null)
        {
            SetNull(index, DbType.String);
        }
        else
        {
            SetText(index, value);
        }
    }

    /// <summary>Runs the statement; returns the number of rows it inserted (0 when ON CONFLICT DO NOTHING fired).</summary>
    public abstract int Execute();

    /// <summary>
    /// Runs a statement prepared by <see cref="PrepareReturningId"/>: the new row's id, or null when the conflict
    /// clause skipped the row.
    /// </summary>
    public abstract long? ExecuteReturningId();

    /// <summary>Writes the rows an append statement still holds; the rows of every other statement are already written.</summary>
    public virtual void Flush()
    {
    }

    private readonly List<long?> queued = [];

    /// <summary>
    /// Runs the row now set as one of a batch whose results <see cref="ExecuteQueued"/> gives, in order: on PostgreSQL
    /// the rows go to the server together (one multi-row statement for hundreds of rows); elsewhere each runs
    /// at once. For statements whose results the caller can wait for.
    /// </summary>
    public virtual void Queue() => queued.Add(Execute());

    /// <summary>As <see cref="Queue"/>, for a statement prepared by <see cref="PrepareReturningId"/>.</summary>
    public virtual void QueueReturningId() => queued.Add(ExecuteReturningId());

    /// <summary>
    /// Runs what is queued; for each queued row in order, the new row's id (<see cref="QueueReturningId"/>; null
    /// when the conflict clause skipped it) or the number of rows it inserted (<see cref="Queue"/>).
    /// </summary>
    public virtual IReadOnlyList<long?> ExecuteQueued()
    {
        var results = queued.ToArray();
        queued.Clear();
        return results;
    }

    public abstract void Dispose();

    /// <summary>SQLite through its C API on the connection's handle, inside the connection's transaction.</summary>
    private sealed class SqliteNative : BulkInsert
    {
        private readonly sqlite3 db;
        private readonly sqlite3_stmt statement;

        public SqliteNative(SqliteConnection connection, string sql)
        {
            db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            NativeSqlite.Check(db, raw.sqlite3_prepare_v2(db, sql, out statement));
        }

        public override void Set(int index, long value) => NativeSqlite.Check(db, raw.sqlite3_bind_int64(statement, index + 1, value));

        protected override void SetText(int index, string value) => NativeSqlite.Check(db, raw.sqlite3_bind_text(statement, index + 1, value));

        public override void SetNull(int index, DbType type) => NativeSqlite.Check(db, raw.sqlite3_bind_null(statement, index + 1));

        // The text forms EF Core's SQLite provider stores and reads back.
        public override void Set(int index, DateOnly value) => SetText(index, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        public override void Set(int index, DateTime value) => SetText(index, value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

        // EF Core's SQLite provider stores booleans as 0 and 1.
        public override void Set(int index, bool value) => Set(index, value ? 1L : 0L);

        public override int Execute()
        {
            try
            {
                NativeSqlite.Check(db, raw.sqlite3_step(statement), raw.SQLITE_DONE);
                return raw.sqlite3_changes(db);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        public override long? ExecuteReturningId()
        {
            try
            {
                NativeSqlite.Check(db, raw.sqlite3_step(statement), raw.SQLITE_DONE);
                return raw.sqlite3_changes(db) == 1 ? raw.sqlite3_last_insert_rowid(db) : null;
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        public override void Dispose() => statement.Dispose();
    }

    /// <summary>
    /// Any ADO.NET provider: one command whose parameters are found by position, each typed explicitly (a null as
    /// its column's type), so that every row binds the same types: PostgreSQL refuses a prepared statement's
    /// parameter in another type. Npgsql prepares it on the server once it has run twice when the connection string
    /// allows (<c>Max Auto Prepare</c>, docs/scaling.md).
    /// </summary>
    private class AdoNet : BulkInsert
    {
        private readonly DbCommand command;
        private readonly DbParameter[] parameters;

        public AdoNet(DbConnection connection, DbTransaction transaction, string sql)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            parameters = NativeSqlite.ParameterNames(sql).Select(n =>
            {
                var p = command.CreateParameter();
                p.ParameterName = n;
                command.Parameters.Add(p);
                return p;
            }).ToArray();
        }

        public override void Set(int index, long value) => Bind(index, DbType.Int64, value);

        protected override void SetText(int index, string value) => Bind(index, DbType.String, value);

        public override void SetNull(int index, DbType type) => Bind(index, type, DBNull.Value);

        public override void Set(int index, DateOnly value) => Bind(index, DbType.Date, value);

        /// <summary>A UTC instant: <c>timestamp with time zone</c> on PostgreSQL, text on SQLite.</summary>
        public override void Set(int index, DateTime value) => Bind(index, DbType.DateTimeOffset, value);

        public override void Set(int index, bool value) => Bind(index, DbType.Boolean, value);

        private void Bind(int index, DbType type, object value)
        {
            var parameter = parameters[index];
            parameter.DbType = type;
            parameter.Value = value;
        }

        public override int Execute() => command.ExecuteNonQuery();

        public override long? ExecuteReturningId() => command.ExecuteScalar() is { } id and not DBNull ? Convert.ToInt64(id, CultureInfo.InvariantCulture) : null;

        protected DbParameter[] Parameters => parameters;

        public override void Dispose() => command.Dispose();
    }

    /// <summary>
    /// PostgreSQL: the plain command for a row that must be answered at once, and one multi-row
    /// <c>INSERT … VALUES (…), (…) … ON CONFLICT … RETURNING</c> per few hundred queued rows — a statement per row costs
    /// on a server what the row itself does not (measured: 190,000 alerts took 46 s one statement and round trip
    /// each, 25 s as pipelined single-row statements). The rows the statement returns (the id and the conflict key)
    /// say which queued rows were inserted and which the conflict clause skipped; keys are compared as invariant text,
    /// which holds for keys of numbers and text (every conflict key queued here).
    /// </summary>
    private sealed class PostgreSqlBatch : AdoNet
    {
        private const int RowsPerStatement = 500;

        private readonly Npgsql.NpgsqlConnection connection;
        private readonly Npgsql.NpgsqlTransaction transaction;
        private readonly string? head;
        private readonly string tail = string.Empty;
        private readonly int[] keyColumns = [];
        private readonly bool returnsId;
        private readonly List<object?[]> rows = [];
        private readonly List<long?> results = [];

        public PostgreSqlBatch(DbConnection connection, DbTransaction transaction, string sql, bool returnsId)
            : base(connection, transaction, sql)
        {
            this.connection = (Npgsql.NpgsqlConnection)connection;
            this.transaction = (Npgsql.NpgsqlTransaction)transaction;
            this.returnsId = returnsId;
            var match = System.Text.RegularExpressions.Regex.Match(sql,
                @"^\s*(INSERT\s+INTO\s+\w+\s*\(([^)]*)\))\s*VALUES\s*\([^)]*\)\s*(ON\s+CONFLICT\s*\(([^)]*)\)\s*DO\s+NOTHING)?\s*(RETURNING\s+id)?\s*$",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success || Parameters.Length != match.Groups[2].Value.Split(',').Length)
            {
                return; // runs a row at a time; queuing it is refused
            }

            var columns = match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
            var key = match.Groups[4].Success ? match.Groups[4].Value.Split(',', StringSplitOptions.TrimEntries) : [];
            keyColumns = key.Select(k => Array.IndexOf(columns, k)).ToArray();
            if (keyColumns.Contains(-1))
            {
                return; // a conflict key that is not among the inserted columns: a row at a time
            }

            head = match.Groups[1].Value;
            tail = match.Groups[3].Success ? $" {match.Groups[3].Value} RETURNING {(returnsId ? "id, " : string.Empty)}{string.Join(", ", key)}" : string.Empty;
        }

        public override void Queue() => Add();

        public override void QueueReturningId() => Add();

        public override IReadOnlyList<long?> ExecuteQueued()
        {
            Run();
            var all = results.ToArray();
            results.Clear();
            return all;
        }

        private void Add()
        {
            if (head is null)
            {
                throw new InvalidOperationException("Only INSERT INTO table (columns) VALUES (a parameter a column) [ON CONFLICT (columns) DO NOTHING] can be queued.");
            }

            if (returnsId && keyColumns.Length == 0)
            {
                // Without a key to match them by, returned ids cannot be told apart: such a row runs at once.
                results.Add(ExecuteReturningId());
                return;
            }

            rows.Add(Parameters.Select(p => p.Value).ToArray());
            if (rows.Count >= RowsPerStatement)
            {
                Run();
            }
        }

        private void Run()
        {
            if (rows.Count == 0)
            {
                return;
            }

            using var command = new Npgsql.NpgsqlCommand { Connection = connection, Transaction = transaction };
            var sql = new System.Text.StringBuilder(head).Append(" VALUES ");
            for (var r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    command.Parameters.Add(new Npgsql.NpgsqlParameter { DbType = Parameters[c].DbType, Value = rows[r][c] });
                    sql.Append(c == 0 ? "$" : ", $").Append(command.Parameters.Count.ToString(CultureInfo.InvariantCulture));
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(tail).ToString();
            if (keyColumns.Length == 0)
            {
                command.ExecuteNonQuery(); // nothing can be skipped: every row is inserted
                results.AddRange(Enumerable.Repeat<long?>(1, rows.Count));
            }
            else
            {
                // The inserted rows come back with their keys; a queued row whose key did not come back was skipped (the
                // first of two rows with one key is the one inserted).
                var inserted = new Dictionary<string, Queue<long>>(StringComparer.Ordinal);
                using (var reader = command.ExecuteReader())
                {
                    var offset = returnsId ? 1 : 0;
                    while (reader.Read())
                    {
                        var key = Key(Enumerable.Range(offset, keyColumns.Length).Select(reader.GetValue));
                        if (!inserted.TryGetValue(key, out var ids))
                        {
                            inserted[key] = ids = new Queue<long>();
                        }

                        ids.Enqueue(returnsId ? reader.GetInt64(0) : 1);
                    }
                }

                foreach (var row in rows)
                {
                    results.Add(inserted.TryGetValue(Key(keyColumns.Select(c => row[c])), out var ids) && ids.TryDequeue(out var id) ? id : returnsId ? null : 0);
                }
            }

            rows.Clear();
        }

        private static string Key(IEnumerable<object?> values) =>
            string.Join('\u001f', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// PostgreSQL's binary COPY for an append: the rows are held and written in one COPY per flush, each value
    /// converted to its column's type (read once from the catalog).
    /// </summary>
    private sealed class PostgreSqlCopy : BulkInsert
    {
        private const int FlushEvery = 10_000;

        private readonly Npgsql.NpgsqlConnection connection;
        private readonly string copy;
        private readonly string[] types;
        private readonly List<object?[]> rows = [];
        private readonly object?[] row;

        public PostgreSqlCopy(Npgsql.NpgsqlConnection connection, string sql)
        {
            var match = System.Text.RegularExpressions.Regex.Match(sql, @"^\s*INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*\([^)]*\)\s*$",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (!match.Success)
            {
                throw new ArgumentException("An append is a plain INSERT INTO table (columns) VALUES (…), without conflict or returning clauses.", nameof(sql));
            }

            this.connection = connection;
            var table = match.Groups[1].Value;
            var columns = match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
            copy = $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table";
            command.Parameters.AddWithValue("table", table);
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    found[reader.GetString(0)] = reader.GetString(1);
                }
            }

            types = columns.Select(c => found.TryGetValue(c, out var type) ? type : throw new ArgumentException($"{table} has no column {c}", nameof(sql))).ToArray();
            row = new object?[columns.Length];
        }

        public override void Set(int index, long value) => row[index] = value;

        protected override void SetText(int index, string value) => row[index] = value;

        public override void SetNull(int index, DbType type) => row[index] = null;

        public override void Set(int index, DateOnly value) => row[index] = value;

        public override void Set(int index, DateTime value) => row[index] = value;

        public override void Set(int index, bool value) => row[index] = value;

        public override int Execute()
        {
            rows.Add((object?[])row.Clone());
            if (rows.Count >= FlushEvery)
            {
                Flush();
            }

            return 1;
        }

        public override long? ExecuteReturningId() => throw new NotSupportedException("An append returns no ids.");

        public override void Flush()
        {
            if (rows.Count == 0)
            {
                return;
            }

            using (var importer = connection.BeginBinaryImport(copy))
            {
                foreach (var values in rows)
                {
                    importer.StartRow();
                    for (var i = 0; i < values.Length; i++)
                    {
                        switch (values[i])
                        {
                            case null:
                                importer.WriteNull();
                                break;
                            case long number:
                                // The column may be narrower than the long every number is held in.
                                if (types[i] == "integer")
                                {
                                    importer.Write(checked((int)number), types[i]);
                                }
                                else
                                {
                                    importer.Write(number, types[i]);
                                }

                                break;
                            case var value:
                                importer.Write(value, types[i]);
                                break;
                        }
                    }
                }

                importer.Complete();
            }

            rows.Clear();
        }

        public override void Dispose() => rows.Clear();
    }
}
