using AssetLedger.Core;
using AssetLedger.Core.Audit;
using AssetLedger.Core.Persistence;
using AssetLedger.Rules;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Host;

/// <summary>The one composition of the ledger and the rules on a database, shared by the command line and the scheduler.</summary>
public static class AssetLedgerServices
{
    public static IServiceCollection AddAssetLedger(this IServiceCollection services, string connectionString, TimeProvider time, Actor actor, MailSettings mail)
    {
        services.AddSingleton(time);
        services.AddSingleton(actor);
        services.AddLedger(o => o.UseLedgerSqlite(connectionString));
        services.AddRules(o => o.UseRulesSqlite(connectionString), mail);
        return services;
    }
}
