using AssetLedger.Rules;
using System.Text;
using AssetLedger.Core.Common;
using AssetLedger.Core.Periods;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;

namespace AssetLedger.Rules.Tests;

/// <summary>A <see cref="TestLedger"/> with the rule engine beside it, on the same database.</summary>
internal static class RulesTestLedger
{
    public static async Task<TestLedger> CreateAsync(DateTimeOffset? now = null)
    {
        var ledger = await TestLedger.CreateAsync(now, extend: (services, connection) => services.AddRules(o => o.UseRulesSqlite(connection)));
        await ledger.RunAsync<RulesDbContext, int>(async db =>
        {
            await RulesDatabase.MigrateAsync(db);
            return 0;
        });
        await ledger.VillageAsync("V1");
        return ledger;
    }

    public static async Task<RunReport> RunRulesAsync(this TestLedger ledger, string? org = null, bool full = false) =>
        (await ledger.RunAsync<RuleEngine, Outcome<RunReport>>(e => e.RunAsync(org, full: full))).ShouldSucceed();

    public static Task<Outcome<Settings.RuleSetting>> SetRuleAsync(this TestLedger ledger, string org, string rule, string parameter, decimal value) =>
        ledger.RunAsync<RuleSettings, Outcome<Settings.RuleSetting>>(s => s.SetAsync(org, rule, parameter, value, "测试"));

    public static async Task<IReadOnlyList<Alert>> AlertsAsync(this TestLedger ledger) =>
        (await ledger.RunAsync<AlertService, Outcome<IReadOnlyList<Alert>>>(s => s.ListAsync(null, null))).Value;

    public static Task<Outcome<BudgetImportResult>> ImportBudgetAsync(this TestLedger ledger, string org, int year, string csv) =>
        ledger.RunAsync<BudgetService, Outcome<BudgetImportResult>>(s => s.ImportAsync(org, year, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    public static Task<Outcome<BudgetAdjustment>> AdjustBudgetAsync(this TestLedger ledger, string org, int year, string account, decimal change) =>
        ledger.RunAsync<BudgetService, Outcome<BudgetAdjustment>>(s => s.AdjustAsync(org, year, account, Money.FromYuan(change), "村民代表会议决议"));

    public static async Task<IReadOnlyList<BudgetExecution>> BudgetExecutionAsync(this TestLedger ledger, string org, string period) =>
        (await ledger.RunAsync<BudgetService, Outcome<IReadOnlyList<BudgetExecution>>>(s => s.ExecutionAsync(org, AccountingPeriod.Parse(period).Value))).ShouldSucceed();
}
