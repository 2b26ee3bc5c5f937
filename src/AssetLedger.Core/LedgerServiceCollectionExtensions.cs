using AssetLedger.Core.Accounts;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.Import;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Statements;
using AssetLedger.Core.Verification;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssetLedger.Core;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// The ledger's services, scoped to a unit of work (one command, one request). The caller registers the
    /// <see cref="Actor"/>; <see cref="TimeProvider"/> defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, DatabaseSettings database) =>
        services.AddLedgerDbContext(database).AddLedgerServices();

    /// <summary>The ledger on a SQLite connection the caller holds open (the tests' in-memory databases).</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, Action<DbContextOptionsBuilder> sqlite) =>
        services.AddDbContext<LedgerDbContext>(sqlite).AddLedgerServices();

    private static IServiceCollection AddLedgerServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ImportLimits.Default);
        services.AddScoped<AuditLog>();
        services.AddScoped<BookDirectory>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<AccountService>();
        services.AddScoped<VoucherPosting>();
        services.AddScoped<VoucherImport>();
        services.AddScoped<VoucherReversal>();
        services.AddScoped<VoucherReader>();
        services.AddScoped<VoucherEntry>();
        services.AddScoped<PeriodService>();
        services.AddScoped<YearEndClose>();
        services.AddScoped<OpeningBalanceImport>();
        services.AddScoped<StatementService>();
        services.AddScoped<LedgerVerifier>();
        services.AddScoped<AssetRegister>();
        services.AddScoped<DepreciationRuns>();
        services.AddScoped<ResourceRegister>();
        services.AddScoped<ContractRegister>();
        return services;
    }
}
