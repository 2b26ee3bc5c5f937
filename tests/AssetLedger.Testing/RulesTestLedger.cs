using System.Text;
using AssetLedger.Core.Periods;
using AssetLedger.Rules;
using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using AssetLedger.Rules.Persistence;
using AssetLedger.Rules.Settings;

namespace AssetLedger.Testing;

/// <summary>A <see cref="TestLedger"/> with the rule engine beside it, on the same database.</summary>
public static class RulesTestLedger
{
    /// <param name="mail">How alert e-mails leave; by default into a pickup folder of the test's own.</param>
    public static async Task<TestLedger> CreateAsync(DateTimeOffset? now = null, MailSettings? mail = null)
    {
        mail ??= new MailSettings { PickupDirectory = Directory.CreateTempSubdirectory("assetledger-mail-").FullName };
        var ledger = await TestLedger.CreateAsync(now, extend: (services, database) =>
        {
            if (database.SharedConnection is { } memory)
            {
                services.AddRules(o => o.UseRulesSqlite(memory), mail);
            }
            else
            {
                services.AddRules(database.Settings, mail);
            }
        });
        await ledger.RunAsync<RulesDbContext, int>(async db =>
        {
            await RulesDatabase.MigrateAsync(db);
            return 0;
        });
        await ledger.VillageAsync("V1");
        return ledger;
    }

    /// <summary>Village V1 with resource R1 leased to 张三 by contract C1, 2024-03-01 to 2026-02-28 at 10,000 a year.</summary>
    public static async Task<TestLedger> VillageWithContractAsync(DateTimeOffset now)
    {
        var ledger = await CreateAsync(now);
        (await ledger.RunAsync<Core.Resources.ResourceRegister, Outcome<Core.Resources.ResourceImportResult>>(s => s.ImportAsync("V1",
            new MemoryStream(Encoding.UTF8.GetBytes("code,name,type,area\nR1,东坡地,耕地,100\n"))))).ShouldSucceed();
        (await ledger.RunAsync<Core.Contracts.ContractRegister, Outcome<Core.Contracts.ContractImportResult>>(s => s.ImportAsync("V1",
            new MemoryStream(Encoding.UTF8.GetBytes("number,counterparty,subjects,start,end,annual_amount\nC1,张三,R1,2024-03-01,2026-02-28,10000\n"))))).ShouldSucceed();
        return ledger;
    }

    public static async Task<RunReport> RunRulesAsync(
        this TestLedger ledger, string? org = null, bool full = false, Evaluation evaluation = Evaluation.All, DateOnly? asOf = null) =>
        (await ledger.RunAsync<RuleEngine, Outcome<RunReport>>(e => e.RunAsync(org, asOf, full, evaluation))).ShouldSucceed();

    /// <summary>Every rule, as of a day (YYYY-MM-DD): what the daily job does on that day, and the new entries.</summary>
    public static Task<Outcome<RunReport>> RunRulesAsOfAsync(this TestLedger ledger, string date) =>
        ledger.RunAsync<RuleEngine, Outcome<RunReport>>(e => e.RunAsync(null, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    public static Task<Outcome<RuleSetting>> SetRuleAsync(this TestLedger ledger, string org, string rule, string parameter, decimal value) =>
        ledger.RunAsync<RuleSettings, Outcome<RuleSetting>>(s => s.SetAsync(org, rule, parameter, value, "测试"));

    public static async Task<IReadOnlyList<Alert>> AlertsAsync(this TestLedger ledger) =>
        (await ledger.RunAsync<AlertService, Outcome<IReadOnlyList<Alert>>>(s => s.ListAsync(null, null))).Value;

    public static Task<Outcome<BudgetImportResult>> ImportBudgetAsync(this TestLedger ledger, string org, int year, string csv) =>
        ledger.RunAsync<BudgetService, Outcome<BudgetImportResult>>(s => s.ImportAsync(org, year, new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    public static Task<Outcome<BudgetAdjustment>> AdjustBudgetAsync(this TestLedger ledger, string org, int year, string account, decimal change) =>
        ledger.RunAsync<BudgetService, Outcome<BudgetAdjustment>>(s => s.AdjustAsync(org, year, account, Money.FromYuan(change), "村民代表会议决议"));

    public static async Task<IReadOnlyList<BudgetExecution>> BudgetExecutionAsync(this TestLedger ledger, string org, string period) =>
        (await ledger.RunAsync<BudgetService, Outcome<IReadOnlyList<BudgetExecution>>>(s => s.ExecutionAsync(org, AccountingPeriod.Parse(period).Value))).ShouldSucceed();
}
