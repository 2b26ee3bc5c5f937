using AssetLedger.Core.Periods;
using AssetLedger.Rules.Budgets;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.BudgetOverrun;

/// <summary>The book's budget execution through <see cref="Period"/> (null: no new vouchers, nothing compared).</summary>
public sealed record BudgetFacts(AccountingPeriod? Period, IReadOnlyList<BudgetExecution> Lines);

/// <summary>Budgets compared with the actual figures through the latest month the new vouchers reached.</summary>
public sealed class BudgetExecutionFacts : FactSource<BudgetFacts>
{
    public static readonly BudgetExecutionFacts Source = new();

    public override async Task<BudgetFacts> ReadAsync(FactContext context, CancellationToken ct)
    {
        if (context.NewVouchers.Count == 0)
        {
            return new(null, []);
        }

        var period = context.NewVouchers.Select(v => AccountingPeriod.Of(v.Date)).Max();
        return new(period, await context.Services.Budgets.ExecutionAsync(context.Chart, context.Book.Organization.Code, period, ct));
    }
}
