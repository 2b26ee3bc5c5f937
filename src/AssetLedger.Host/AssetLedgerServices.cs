using AssetLedger.Core;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Persistence;
using AssetLedger.Host.Accounts;
using AssetLedger.Rules;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;

namespace AssetLedger.Host;

/// <summary>
/// The one composition of the ledger, the rules and the accounts (ASP.NET Core Identity) on a database, shared by the
/// command line, the scheduler and the server.
/// </summary>
public static class AssetLedgerServices
{
    public static IServiceCollection AddAssetLedger(this IServiceCollection services, DatabaseSettings database, TimeProvider time, Actor actor, MailSettings mail)
    {
        services.AddSingleton(time);
        services.AddSingleton(actor);
        services.AddSingleton(database);
        services.AddLedger(database);
        services.AddRules(database, mail);
        AccountsDbContext.AddAccountsDbContext(services, database);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AccountsDbContext>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AccessScope>();
        services.AddScoped<Reports.ReportCatalog>();
        return services;
    }
}
