using System.Globalization;
using System.Text;
using AssetLedger.Core.Audit;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Verification;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AssetLedger.Testing;

/// <summary>
/// A county's books on a real database — SQLite in memory on one open connection, or a PostgreSQL database of the
/// test's own when the suite runs there (<see cref="TestDatabase"/>) — with the real migrations and a fake clock, so that a test states its ledger in a few lines:
/// <code>
/// await using var ledger = await TestLedger.CreateAsync();
/// await ledger.VillageAsync("V1");
/// await ledger.PostAsync("V1", "2024-03-05", Dr("102", 55_000), Cr("501", 55_000));
/// </code>
/// Every call runs in its own service scope, like one command of the real application.
/// </summary>
public sealed class TestLedger : IAsyncDisposable
{
    public const string County = "C1";
    public const string Township = "T1";

    private readonly ServiceProvider services;
    private int keys;

    private TestLedger(TestDatabase database, ServiceProvider services, FakeTimeProvider clock)
    {
        Database = database;
        this.services = services;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>
    /// Today is 15 January 2026 unless a test says otherwise: 2024 and 2025 have ended. <paramref name="onFile"/>
    /// puts the books in a temporary file instead of memory, for code that opens connections of its own.
    /// </summary>
    /// <param name="extend">Adds more services on the same database (the rule engine's tests add its context).</param>
    public static async Task<TestLedger> CreateAsync(DateTimeOffset? now = null, bool onFile = false, Action<IServiceCollection, TestDatabase>? extend = null)
    {
        var database = TestDatabase.Create(onFile ? Path.Combine(Path.GetTempPath(), $"assetledger-test-{Guid.NewGuid():N}.db") : null);
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton(new Actor("tester"));
        database.AddLedger(collection);
        extend?.Invoke(collection, database);
        var provider = collection.BuildServiceProvider();
        var ledger = new TestLedger(database, provider, clock);
        await ledger.RunAsync<LedgerDbContext, int>(async db =>
        {
            await LedgerDatabase.MigrateAsync(db);
            return 0;
        });
        await ledger.RunAsync<OrganizationService, Organization>(async s => (await s.AddAsync(County, "清河县", OrganizationLevel.County, null)).Value);
        await ledger.RunAsync<OrganizationService, Organization>(async s => (await s.AddAsync(Township, "城关镇", OrganizationLevel.Township, County)).Value);
        return ledger;
    }

    /// <summary>Runs one unit of work with a fresh scope, as one command of the application would.</summary>
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> QueryAsync<T>(Func<LedgerDbContext, Task<T>> query) => RunAsync(query);

    public async Task<string> VillageAsync(string code, string? township = null)
    {
        await RunAsync<OrganizationService, Organization>(async s =>
            (await s.AddAsync(code, $"{code}村", OrganizationLevel.Village, township ?? Township)).Value);
        return code;
    }

    public async Task<string> TownshipAsync(string code)
    {
        await RunAsync<OrganizationService, Organization>(async s => (await s.AddAsync(code, $"{code}镇", OrganizationLevel.Township, County)).Value);
        return code;
    }

    public Task<Outcome<Core.Accounts.Account>> AddAccountAsync(string org, string code, string name) =>
        RunAsync<Core.Accounts.AccountService, Outcome<Core.Accounts.Account>>(s => s.AddDetailAsync(org, code, name));

    // ---- vouchers ---------------------------------------------------------------------------------------

    public static VoucherLineDraft Dr(string account, decimal yuan, string? counterparty = null, string summary = "摘要") =>
        new(account, summary, Money.FromYuan(yuan), Money.Zero, counterparty);

    public static VoucherLineDraft Cr(string account, decimal yuan, string? counterparty = null, string summary = "摘要") =>
        new(account, summary, Money.Zero, Money.FromYuan(yuan), counterparty);

    public string NextKey() => $"K{Interlocked.Increment(ref keys)}";

    public Task<Outcome<PostedVoucher>> PostAsync(string org, string date, params VoucherLineDraft[] lines) =>
        PostAsync(org, new VoucherDraft(NextKey(), DateOnly.Parse(date, CultureInfo.InvariantCulture), lines));

    /// <param name="nativeInserts">False runs the portable ADO.NET insert path other providers use.</param>
    public async Task<Outcome<PostedVoucher>> PostAsync(string org, VoucherDraft draft, bool nativeInserts = true)
    {
        await using var scope = services.CreateAsyncScope();
        var books = scope.ServiceProvider.GetRequiredService<BookDirectory>();
        var book = (await books.FindBookAsync(org)).Value;
        var chart = await books.LoadChartAsync(book.Book.Id);
        var posting = scope.ServiceProvider.GetRequiredService<VoucherPosting>();
        posting.NativeInserts = nativeInserts;
        var result = await posting.PostAsync(chart, draft);
        return result.Map(r => r.Vouchers[0]);
    }

    public Task<Outcome<PostingReport>> ImportAsync(string org, string csv) =>
        RunAsync<VoucherImport, Outcome<PostingReport>>(s => s.ImportAsync(org, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    public Task<Outcome<PostedVoucher>> ReverseAsync(string org, string number, string date) =>
        RunAsync<VoucherReversal, Outcome<PostedVoucher>>(s => s.ReverseAsync(org, number, DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    // ---- assets -----------------------------------------------------------------------------------------

    public const string AssetHeader = "code,name,category,acquired,cost,life_months,residual_rate,method,use,accumulated,months_depreciated,total_units\n";

    public Task<Outcome<Core.Assets.AssetImportResult>> ImportAssetsAsync(string org, string csv) =>
        RunAsync<Core.Assets.AssetRegister, Outcome<Core.Assets.AssetImportResult>>(s => s.ImportAsync(org, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    public Task<Outcome<Core.Assets.DepreciationResult>> DepreciateAsync(string org, string period) =>
        RunAsync<Core.Assets.DepreciationRuns, Outcome<Core.Assets.DepreciationResult>>(s => s.RunAsync(org, AccountingPeriod.Parse(period).Value));

    public async Task<Core.Assets.AssetView> AssetAsync(string org, string code) =>
        (await RunAsync<Core.Assets.AssetRegister, Outcome<IReadOnlyList<Core.Assets.AssetView>>>(s => s.ListAsync(org))).Value.Single(v => v.Asset.Code == code);

    // ---- opening balances, periods, years ---------------------------------------------------------------

    public Task<Outcome<OpeningBalanceResult>> OpeningAsync(string org, int year, string csv) =>
        RunAsync<OpeningBalanceImport, Outcome<OpeningBalanceResult>>(s => s.ImportAsync(org, year, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    public Task<Outcome<PeriodChange>> CloseAsync(string org, string period) =>
        RunAsync<PeriodService, Outcome<PeriodChange>>(s => s.CloseAsync(org, AccountingPeriod.Parse(period).Value));

    public Task<Outcome<PeriodChange>> ReopenAsync(string org, string period, string reason) =>
        RunAsync<PeriodService, Outcome<PeriodChange>>(s => s.ReopenAsync(org, AccountingPeriod.Parse(period).Value, reason));

    public Task<Outcome<YearCloseResult>> CloseYearAsync(string org, int year) =>
        RunAsync<YearEndClose, Outcome<YearCloseResult>>(s => s.CloseYearAsync(org, year));

    // ---- reports ---------------------------------------------------------------------------------------

    public async Task<TrialBalance> TrialBalanceAsync(string org, string period) =>
        (await RunAsync<StatementService, Outcome<TrialBalance>>(s => s.TrialBalanceAsync(org, AccountingPeriod.Parse(period).Value))).Value;

    public async Task<Statement> BalanceSheetAsync(string org, string period) =>
        (await RunAsync<StatementService, Outcome<Statement>>(s => s.BalanceSheetAsync(org, AccountingPeriod.Parse(period).Value))).Value;

    public async Task<Statement> IncomeStatementAsync(string org, string period) =>
        (await RunAsync<StatementService, Outcome<Statement>>(s => s.IncomeStatementAsync(org, AccountingPeriod.Parse(period).Value))).Value;

    public async Task<Journal> JournalAsync(string org, string period) =>
        (await RunAsync<StatementService, Outcome<Journal>>(s => s.JournalAsync(org, AccountingPeriod.Parse(period).Value))).Value;

    public async Task<Ledger> LedgerAsync(string org, string period, string? account = null) =>
        (await RunAsync<StatementService, Outcome<Ledger>>(s => s.LedgerAsync(org, AccountingPeriod.Parse(period).Value, account))).Value;

    public async Task<VerificationReport> VerifyAsync(string? org = null, bool rebuild = false) =>
        (await RunAsync<LedgerVerifier, Outcome<VerificationReport>>(s => s.VerifyAsync(org, rebuild))).Value;

    /// <summary>Runs raw SQL on the database, as someone bypassing the application would.</summary>
    public Task<int> ExecuteSqlAsync(string sql) => SqlAsync(sql, c => c.ExecuteNonQueryAsync());

    public Task<long> ScalarAsync(string sql) => SqlAsync(sql, async c => Convert.ToInt64(await c.ExecuteScalarAsync(), CultureInfo.InvariantCulture));

    public Task<string> TextAsync(string sql) => SqlAsync(sql, async c => Convert.ToString(await c.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>A command on the context's own connection: the in-memory database has only that one.</summary>
    private Task<T> SqlAsync<T>(string sql, Func<System.Data.Common.DbCommand, Task<T>> run) => RunAsync<LedgerDbContext, T>(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await run(command);
    });

    /// <summary>Counts rows in every table that a rejected command must leave untouched.</summary>
    public async Task<string> FingerprintAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "vouchers", "postings", "account_balances", "counterparties", "audit_log", "opening_balance_lines", "period_states", "accounts", "organizations" })
        {
            parts.Add($"{table}={await ScalarAsync($"SELECT COUNT(*) FROM {table}")}");
        }

        return string.Join(" ", parts);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
