using AssetLedger.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Rules.OneMatterOverspend;

/// <summary>The debit balance of 231 一事一议资金 now (null when new postings did not touch it).</summary>
public sealed record OneMatterFacts(long? Balance);

/// <summary>231 一事一议资金's balance, read when new postings touched it.</summary>
public sealed class OneMatterBalance : FactSource<OneMatterFacts>
{
    public static readonly OneMatterBalance Source = new();

    private static bool IsOneMatter(string code) => code.StartsWith("231", StringComparison.Ordinal);

    public override async Task<OneMatterFacts> ReadAsync(FactContext context, CancellationToken ct)
    {
        if (!context.NewVouchers.Any(v => v.Lines.Any(l => IsOneMatter(l.Account))))
        {
            return new(null);
        }

        var ids = context.Chart.Accounts.Where(a => IsOneMatter(a.Code)).Select(a => a.Id).ToList();
        return new(await context.Services.Ledger.Balances.AsNoTracking().Where(x => x.BookId == context.BookId && ids.Contains(x.AccountId)).SumAsync(x => x.Debit - x.Credit, ct));
    }
}
