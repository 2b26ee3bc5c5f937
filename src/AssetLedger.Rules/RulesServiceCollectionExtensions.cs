using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rule engine's services, beside the ledger's (<c>AddLedger</c>), on the same database.</summary>
    public static IServiceCollection AddRules(this IServiceCollection services, Action<DbContextOptionsBuilder> database)
    {
        services.AddDbContext<RulesDbContext>(database);
        services.AddScoped<RuleEngine>();
        services.AddScoped<RuleSettings>();
        services.AddScoped<AlertService>();
        services.AddScoped<Budgets.BudgetService>();
        return services;
    }
}
