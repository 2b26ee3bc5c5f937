using AssetLedger.Core.Persistence;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AssetLedger.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// The rule engine's services, beside the ledger's (<c>AddLedger</c>), on the same database; alert e-mails leave
    /// as <paramref name="mail"/> says.
    /// </summary>
    public static IServiceCollection AddRules(this IServiceCollection services, DatabaseSettings database, MailSettings mail) =>
        services.AddRulesDbContext(database).AddRulesServices(mail);

    /// <summary>The rules on a SQLite connection the caller holds open (the tests' in-memory databases).</summary>
    public static IServiceCollection AddRules(this IServiceCollection services, Action<DbContextOptionsBuilder> sqlite, MailSettings mail) =>
        services.AddDbContext<RulesDbContext>(sqlite).AddRulesServices(mail);

    private static IServiceCollection AddRulesServices(this IServiceCollection services, MailSettings mail)
    {
        services.AddLogging();
        services.AddSingleton(mail);
        services.AddSingleton<MailComposer>();
        services.AddScoped<SubscriberService>();
        services.AddScoped<AlertRows>();
        services.AddScoped<NotificationService>();
        services.AddScoped<RuleEngine>();
        services.AddScoped<FactServices>();
        services.AddScoped<FactReader>();
        services.AddScoped<Watermarks>();
        services.AddScoped<AlertWriter>();
        services.AddScoped<RuleBacktest>();
        services.AddScoped<RuleSettings>();
        services.AddScoped<AlertService>();
        services.AddScoped<Budgets.BudgetService>();
        return services;
    }
}
