using AssetLedger.Core.Persistence;
using AssetLedger.Testing;
using Npgsql;

namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>
/// A province on one PostgreSQL database with each county in a schema of its own (<c>Search Path</c> in the connection
/// string; docs/scaling.md): the unit a distributed PostgreSQL places on a node. Needs a PostgreSQL server
/// (<c>ASSETLEDGER_TEST_POSTGRES</c>); without it, it says so and is skipped.
/// </summary>
public sealed class CountySchemasTests : IDisposable
{
    private readonly TestDatabase? database = TestDatabase.PostgreSqlServer is null ? null : TestDatabase.CreatePostgreSql();
    private readonly CliRunner qinghe = new();
    private readonly CliRunner linxian = new();

    public void Dispose()
    {
        qinghe.Dispose();
        linxian.Dispose();
        database?.Dispose();
    }

    [SkippableFact]
    public async Task Counties_in_schemas_of_their_own_keep_their_own_books_on_one_database_each_with_a_writer_of_its_own()
    {
        Skip.If(database is null, TestDatabase.NoPostgreSqlServer);
        database.Scalar("CREATE SCHEMA county_a; CREATE SCHEMA county_b");
        On(qinghe, "county_a");
        On(linxian, "county_b");

        // The same codes in both: each schema is migrated and numbered on its own.
        await qinghe.CountyWithVillageAsync();
        await linxian.CountyWithVillageAsync();
        await qinghe.PayAsync("33010101", "2024-03-05", 60_000);

        // County A's writer is busy (its lock held by another transaction); county B posts all the same.
        await using (var busy = new NpgsqlConnection(SchemaConnection("county_a")))
        {
            await busy.OpenAsync();
            await using var transaction = await busy.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand(LedgerDatabase.TakePostgreSqlWriterLock, busy, transaction))
            {
                await take.ExecuteNonQueryAsync();
            }

            await linxian.PayAsync("33010101", "2024-03-06", 500).WaitAsync(TimeSpan.FromSeconds(30));
        }

        var a = await qinghe.OkAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03");
        var b = await linxian.OkAsync("report", "trial-balance", "--org", "33010101", "--period", "2024-03");
        a.Should().Contain("60,000.00").And.NotContain("500.00");
        b.Should().Contain("500.00").And.NotContain("60,000.00");
        (await qinghe.OkAsync("verify")).Should().Contain("0 findings");
        (await linxian.OkAsync("verify")).Should().Contain("0 findings");
        database.Scalar("SELECT count(*) FROM county_a.vouchers").Should().Be(1L);
        database.Scalar("SELECT count(*) FROM county_b.vouchers").Should().Be(1L);
    }

    private string SchemaConnection(string schema) =>
        new NpgsqlConnectionStringBuilder(database!.Settings.ConnectionString) { SearchPath = schema }.ConnectionString;

    private void On(CliRunner cli, string schema)
    {
        cli.Settings["Database:Provider"] = "PostgreSql";
        cli.Settings["Database:ConnectionString"] = SchemaConnection(schema);
        cli.Settings["Database:DataFolder"] = cli.Folder;
    }
}
