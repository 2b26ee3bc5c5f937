using AssetLedger.Core.Accounts;
using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;
using AssetLedger.Core.Organizations;
using AssetLedger.Core.Persistence;
using AssetLedger.Core.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace AssetLedger.Core.Periods;

public sealed record YearCloseResult(int Year, IReadOnlyList<PostedVoucher> ClosingVouchers, IReadOnlyList<AccountingPeriod> ClosedMonths, bool AlreadyClosed);

/// <summary>
/// 年终结账: in one transaction, posts the closing vouchers dated 31 December — income and expense (5xx) into
/// 321 本年收益, then 321 and the 各项分配 details into 322 收益分配—未分配收益 — and closes every open month of
/// the year in order. Closing vouchers are marked as such, so statements do not count them as activity.
/// </summary>
public sealed class YearEndClose(LedgerDbContext db, BookDirectory books, VoucherPosting posting, PeriodService periods)
{
    public const string ProfitAccount = "321";
    public const string UndistributedAccount = "32202";
    public const string DistributionsAccount = "32201";

    public async Task<Outcome<YearCloseResult>> CloseYearAsync(string orgCode, int year, CancellationToken ct = default)
    {
        if (AccountingPeriod.CheckYear(year) is { } yearError)
        {
            return yearError;
        }

        var book = await books.FindBookAsync(orgCode, ct);
        if (!book.Succeeded)
        {
            return Outcome<YearCloseResult>.Failure(book.Errors);
        }

        var bookId = book.Value.Book.Id;
        var chart = await books.LoadChartAsync(bookId, ct);
        var december = AccountingPeriod.Of(year, 12);
        var snapshot = await BalanceSnapshot.LoadAsync(db, chart, december, ct);
        var counterparties = await db.Counterparties.AsNoTracking().Where(c => c.BookId == bookId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var incomeLines = ZeroingLines(snapshot, counterparties, a => a.Has(AccountFlags.ClosesTo321), "结转本年收益");
        var pending = incomeLines.Count > 0
            || snapshot.Of(chart.Find(ProfitAccount)!).Closing != 0
            || snapshot.Of(chart.Find(DistributionsAccount)!).Closing != 0;

        if (await periods.IsClosedAsync(bookId, december, ct))
        {
            return pending
                ? new LedgerError("year.december_closed",
                    $"{december} is closed but the year's income, expense or distribution accounts are not zero; reopen {december} and run year close again")
                : Outcome<YearCloseResult>.Success(new YearCloseResult(year, [], [], AlreadyClosed: true));
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var runs = await db.Vouchers.CountAsync(v => v.BookId == bookId && v.Kind == VoucherKind.YearEndClose && v.Period == december.Key, ct);
        var posted = new List<PostedVoucher>();
        var lastDay = december.LastDay;

        // 1. Income and expense into 321 本年收益.
        var profit = Money.Zero;
        if (incomeLines.Count > 0)
        {
            profit = Money.Sum(incomeLines.Select(l => l.Debit - l.Credit)); // what balances the voucher on 321, credit-positive
            var lines = incomeLines.ToList();
            AddCounterLine(lines, ProfitAccount, profit, "结转本年收益");
            var r = await PostAsync(chart, $"year-end:{year}:{runs + 1}:income", lastDay, lines, ct);
            if (!r.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Outcome<YearCloseResult>.Failure(r.Errors);
            }

            posted.Add(r.Value);
        }

        // 2. 321 and 各项分配 into 322 未分配收益.
        var profitBalance = -snapshot.Of(chart.Find(ProfitAccount)!).Closing + profit.Fen; // credit-positive, after step 1
        var distribution = ZeroingLines(snapshot, counterparties, a => a.Code.StartsWith(DistributionsAccount, StringComparison.Ordinal) && chart.IsLeaf(a), "结转各项分配");
        var transfer = new List<VoucherLineDraft>(distribution);
        if (profitBalance != 0)
        {
            transfer.Add(profitBalance > 0
                ? new VoucherLineDraft(ProfitAccount, "结转未分配收益", Money.FromFen(profitBalance), Money.Zero)
                : new VoucherLineDraft(ProfitAccount, "结转未分配收益", Money.Zero, Money.FromFen(-profitBalance)));
        }

        if (transfer.Count > 0)
        {
            AddCounterLine(transfer, UndistributedAccount, Money.Sum(transfer.Select(l => l.Debit - l.Credit)), "结转未分配收益");
            var r = await PostAsync(chart, $"year-end:{year}:{runs + 2}:undistributed", lastDay, transfer, ct);
            if (!r.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Outcome<YearCloseResult>.Failure(r.Errors);
            }

            posted.Add(r.Value);
        }

        // 3. Close every open month of the year, in order.
        var closed = new List<AccountingPeriod>();
        for (var m = 1; m <= 12; m++)
        {
            var period = AccountingPeriod.Of(year, m);
            var c = await periods.CloseAsync(bookId, period, ct);
            if (!c.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return Outcome<YearCloseResult>.Failure(c.Errors.Select(e => e.At(period.ToString())).ToList());
            }

            if (!c.Value.Unchanged)
            {
                closed.Add(period);
            }
        }

        await tx.CommitAsync(ct);
        return Outcome<YearCloseResult>.Success(new YearCloseResult(year, posted, closed, AlreadyClosed: false));
    }

    /// <summary>Lines that bring each matching leaf account (per counterparty) to zero.</summary>
    private static List<VoucherLineDraft> ZeroingLines(
        BalanceSnapshot snapshot, Dictionary<int, string> counterparties, Func<Account, bool> which, string summary)
    {
        string? counterpartyNames(int key) => key == 0 ? null : counterparties[key];
        return snapshot.Entries
            .Where(e => which(e.Account) && e.Figures.Closing != 0)
            .OrderBy(e => e.Account.Code, StringComparer.Ordinal).ThenBy(e => e.CounterpartyKey)
            .Select(e => e.Figures.Closing > 0
                ? new VoucherLineDraft(e.Account.Code, summary, Money.Zero, Money.FromFen(e.Figures.Closing), counterpartyNames(e.CounterpartyKey))
                : new VoucherLineDraft(e.Account.Code, summary, Money.FromFen(-e.Figures.Closing), Money.Zero, counterpartyNames(e.CounterpartyKey)))
            .ToList();
    }

    /// <summary>Adds the line that takes <paramref name="creditPositive"/> onto <paramref name="account"/>, if not zero.</summary>
    private static void AddCounterLine(List<VoucherLineDraft> lines, string account, Money creditPositive, string summary)
    {
        if (creditPositive.IsPositive)
        {
            lines.Add(new VoucherLineDraft(account, summary, Money.Zero, creditPositive));
        }
        else if (creditPositive.IsNegative)
        {
            lines.Add(new VoucherLineDraft(account, summary, -creditPositive, Money.Zero));
        }
    }

    private async Task<Outcome<PostedVoucher>> PostAsync(BookChart chart, string key, DateOnly date, List<VoucherLineDraft> lines, CancellationToken ct)
    {
        var draft = new VoucherDraft(key, date, lines) { Kind = VoucherKind.YearEndClose };
        var result = await posting.PostAsync(chart, draft, ct);
        return result.Map(r => r.Vouchers[0]);
    }
}
