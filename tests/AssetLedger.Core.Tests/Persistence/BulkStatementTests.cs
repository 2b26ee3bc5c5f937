using AssetLedger.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace AssetLedger.Core.Tests.Persistence;

/// <summary>The positional seam, on SQLite's C API and on plain ADO.NET (the path other providers take).</summary>
public class BulkStatementTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_insert_that_skips_on_conflict_returns_the_new_id_or_nothing(bool native)
    {
        using var connection = Open("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT NOT NULL UNIQUE, d TEXT NOT NULL);");
        using var tx = connection.BeginTransaction();
        using var insert = BulkInsert.PrepareReturningId(connection, tx, "INSERT INTO t (k, d) VALUES (@k, @d) ON CONFLICT (k) DO NOTHING", native);

        long? Insert(string key)
        {
            insert.Set(0, key);
            insert.Set(1, new DateOnly(2024, 3, 5));
            return insert.ExecuteReturningId();
        }

        var first = Insert("a");
        var second = Insert("b");
        var again = Insert("a");

        first.Should().Be(1);
        second.Should().Be(2);
        again.Should().BeNull("the key exists; nothing was inserted");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_query_reads_numbers_texts_dates_and_nulls_by_position_and_binds_dates(bool native)
    {
        using var connection = Open("""
            CREATE TABLE t (n INTEGER, s TEXT, d TEXT);
            INSERT INTO t VALUES (7, '李四建材', '2024-03-05'), (NULL, '=1+1', '2024-04-01');
            """);
        var rows = new List<(long? N, string S, DateOnly D)>();

        BulkQuery.Run(connection, "SELECT n, s, d FROM t WHERE d >= @from ORDER BY d", [new DateOnly(2024, 3, 1)],
            r => rows.Add((r.IsNull(0) ? null : r.Number(0), r.Text(1), r.Date(2))), native);

        rows.Should().Equal((7L, "李四建材", new DateOnly(2024, 3, 5)), (null, "=1+1", new DateOnly(2024, 4, 1)));
    }

    private static SqliteConnection Open(string schema)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.ExecuteNonQuery();
        return connection;
    }
}
