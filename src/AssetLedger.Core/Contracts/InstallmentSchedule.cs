namespace AssetLedger.Core.Contracts;

/// <summary>One installment before it is stored.</summary>
public sealed record ScheduledInstallment(int Sequence, DateOnly CoversFrom, DateOnly CoversTo, DateOnly Due, long Amount);

/// <summary>
/// Generates a contract's installments from its terms. Stretches are counted in months from the start date itself
/// (start + k months, so a contract starting on 31 January has stretches beginning 29 February in a leap year, then
/// 31 March), each due on its first day; a last stretch shorter than the others is charged for its months; amounts are
/// rounded half away from zero to 分 and the last installment takes the remainder, so the schedule adds up exactly to
/// the yearly amount times the term in months over twelve.
/// </summary>
public static class InstallmentSchedule
{
    public static IReadOnlyList<ScheduledInstallment> For(Contract contract) =>
        For(contract.Start, contract.End, contract.AnnualAmount, contract.Payment, contract.InstallmentsPerYear);

    /// <summary>The installments of a stretch of a contract's term, on its payment terms (renewals and amendments).</summary>
    public static IReadOnlyList<ScheduledInstallment> For(DateOnly start, DateOnly end, long annualAmount, PaymentTerms payment, int installmentsPerYear, int firstSequence = 1)
    {
        var contract = new { Start = start, End = end, AnnualAmount = annualAmount };
        var months = MonthsCovered(contract.Start, contract.End);
        var total = Share(contract.AnnualAmount, months, 12);
        if (payment == PaymentTerms.LumpSum)
        {
            return [new ScheduledInstallment(firstSequence, contract.Start, contract.End, contract.Start, total)];
        }

        var step = 12 / Math.Max(installmentsPerYear, 1);
        var result = new List<ScheduledInstallment>();
        long scheduled = 0;
        for (var k = 0; k * step < months; k++)
        {
            var from = contract.Start.AddMonths(k * step);
            var stretch = Math.Min(step, months - (k * step));
            var to = Min(contract.Start.AddMonths((k * step) + stretch).AddDays(-1), contract.End);
            var last = (k + 1) * step >= months;
            var amount = last ? total - scheduled : Share(contract.AnnualAmount, stretch, 12);
            scheduled += amount;
            result.Add(new ScheduledInstallment(firstSequence + k, from, to, from, amount));
        }

        return result;
    }

    /// <summary>Whole months from <paramref name="start"/> to <paramref name="end"/> inclusive, a started month counting as one.</summary>
    public static int MonthsCovered(DateOnly start, DateOnly end)
    {
        var months = 0;
        while (start.AddMonths(months) <= end)
        {
            months++;
        }

        return months;
    }

    /// <summary>The yearly amount's share for <paramref name="months"/> months, rounded to 分.</summary>
    public static long ForMonths(long annual, int months) => Share(annual, months, 12);

    private static long Share(long annual, long numerator, long denominator) =>
        (long)decimal.Round(annual * (decimal)numerator / denominator, 0, MidpointRounding.AwayFromZero);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
