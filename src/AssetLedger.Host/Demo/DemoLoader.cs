using System.Reflection;
using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Contracts;
using AssetLedger.Core.OpeningBalances;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Periods;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Resources;
using AssetLedger.Core.Vouchers;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Engine;
using AssetLedger.Rules.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Host.Demo;

/// <summary>What <c>demo load</c> did.</summary>
public sealed record DemoReport(int Organizations, int Vouchers, int Alerts);

/// <summary>
/// Loads the demo county into an empty database through the paths a user takes — the imports, rent receipts,
/// the monthly depreciation runs, a disposal, the rule engine, the subscriptions — each step a unit of work of its
/// own, as one command would be — and its people, one in every role. The files come from a folder (<c>demo load --from</c>) or, by default, from the
/// copy of <c>samples/demo-county</c> built into the program.
/// </summary>
public static class DemoLoader
{
    public static async Task<Outcome<DemoReport>> LoadAsync(IServiceProvider services, string? folder, CancellationToken ct = default)
    {
        Func<string, Stream?> open = folder is null
            ? name => Assembly.GetExecutingAssembly().GetManifestResourceStream($"AssetLedger.Host.Demo.{name}")
            : name => File.Exists(Path.Combine(folder, name)) ? File.OpenRead(Path.Combine(folder, name)) : null;

        async Task<T> Step<T>(Func<IServiceProvider, Task<T>> step)
        {
            await using var scope = services.CreateAsyncScope();
            return await step(scope.ServiceProvider);
        }

        if (await Step(sp => sp.GetRequiredService<LedgerDbContext>().Organizations.AnyAsync(ct)))
        {
            return new LedgerError("demo.not_empty", "the database already holds organizations; the demo county loads only into an empty one (use another --db)");
        }

        var errors = new List<LedgerError>();
        foreach (var (code, name, level, parent) in DemoCounty.Organizations)
        {
            var added = await Step(sp => sp.GetRequiredService<OrganizationService>().AddAsync(code, name, Enum.Parse<OrganizationLevel>(level, ignoreCase: true), parent, ct));
            errors.AddRange(added.Errors);
        }

        var vouchers = 0;
        foreach (var (code, _) in DemoCounty.Villages)
        {
            async Task Import<T>(string file, Func<IServiceProvider, Stream, Task<Outcome<T>>> import)
            {
                await using var stream = open($"{code}-{file}") ?? throw new FileNotFoundException($"the demo file {code}-{file} is missing");
                var result = await Step(sp => import(sp, stream));
                errors.AddRange(result.Errors.Select(e => e.At($"{code}-{file}")));
            }

            await Import("opening.csv", (sp, s) => sp.GetRequiredService<OpeningBalanceImport>().ImportAsync(code, DemoCounty.Year, s, ct));
            await Import("assets.csv", (sp, s) => sp.GetRequiredService<AssetRegister>().ImportAsync(code, s, ct));
            await Import("resources.csv", (sp, s) => sp.GetRequiredService<ResourceRegister>().ImportAsync(code, s, ct));
            await Import("contracts.csv", (sp, s) => sp.GetRequiredService<ContractRegister>().ImportAsync(code, s, ct));
            await Import("budget.csv", (sp, s) => sp.GetRequiredService<BudgetService>().ImportAsync(code, DemoCounty.Year, s, ct));
            await Import("vouchers.csv", async (sp, s) =>
            {
                var posted = await sp.GetRequiredService<VoucherImport>().ImportAsync(code, s, ct);
                vouchers += posted.Succeeded ? posted.Value.Posted : 0;
                return posted;
            });
        }

        if (errors.Count > 0)
        {
            return Outcome<DemoReport>.Failure(errors);
        }

        var today = LedgerClock.Today(services.GetRequiredService<TimeProvider>()).AddDays(-5);
        var index = 0;
        foreach (var (code, _) in DemoCounty.Villages)
        {
            // Rent: every village collects what has fallen due, but two leave it owing (RENT_OVERDUE).
            if (index % 6 is not (4 or 5))
            {
                foreach (var number in new[] { $"HT{index + 1:00}-01", $"HT{index + 1:00}-02" })
                {
                    var schedule = await Step(sp => sp.GetRequiredService<ContractRegister>().ScheduleAsync(code, number, ct));
                    foreach (var due in schedule.Value.Installments.Where(i => i.Installment.Due <= today && i.Outstanding > 0))
                    {
                        var paid = await Step(sp => sp.GetRequiredService<ContractRegister>().ReceiveAsync(code, number, due.Installment.Due.AddDays(5), Money.FromFen(due.Outstanding), ct: ct));
                        errors.AddRange(paid.Errors);
                    }
                }
            }

            for (var month = 1; month <= 12; month++)
            {
                var period = AccountingPeriod.Of(DemoCounty.Year, month);
                var run = await Step(sp => sp.GetRequiredService<DepreciationRuns>().RunAsync(code, period, ct));
                errors.AddRange(run.Errors);

                // A disposal below book value (ASSET_CHANGE): the tractor sold in September for a fraction of its worth.
                if (index % 6 == 4 && month == 9)
                {
                    var sold = await Step(sp => sp.GetRequiredService<AssetRegister>().DisposeAsync(code, "F03", new DateOnly(DemoCounty.Year, 9, 28), "出售", Money.FromYuan(5_000m), ct: ct));
                    errors.AddRange(sold.Errors);
                }
            }

            index++;
        }

        var rules = await Step(sp => sp.GetRequiredService<RuleEngine>().RunAsync(ct: ct));
        errors.AddRange(rules.Errors);
        foreach (var (email, scope, name, minSeverity) in DemoCounty.Subscribers)
        {
            errors.AddRange((await Step(sp => sp.GetRequiredService<SubscriberService>().AddAsync(email, scope, name, null, minSeverity, ct))).Errors);
        }

        foreach (var (user, name, role, scope) in DemoCounty.People)
        {
            var added = await Step(sp => sp.GetRequiredService<Accounts.UserAdministration>().AddAsync(user, DemoCounty.DemoPassword, name, ct));
            errors.AddRange(added.Errors);
            var granted = await Step(sp => sp.GetRequiredService<Accounts.UserAdministration>().GrantAsync(user, Enum.Parse<Accounts.AccessRole>(role, ignoreCase: true), scope, ct));
            errors.AddRange(granted.Errors);
        }

        return errors.Count > 0
            ? Outcome<DemoReport>.Failure(errors)
            : Outcome<DemoReport>.Success(new DemoReport(DemoCounty.Organizations.Count, vouchers, rules.Value.Raised.Count));
    }
}
