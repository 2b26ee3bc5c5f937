using AssetLedger.Core.Balances;
using AssetLedger.Core.Common;

namespace AssetLedger.Core.Statements;

/// <summary>Evaluates a <see cref="StatementDefinition"/> over one book's balance snapshot.</summary>
public static class StatementCalculator
{
    public static IReadOnlyList<StatementLine> Evaluate(StatementDefinition definition, BalanceSnapshot snapshot)
    {
        var values = new Dictionary<string, Money[]>(StringComparer.Ordinal);
        var lines = new List<StatementLine>(definition.Lines.Count);
        foreach (var line in definition.Lines)
        {
            var v = new Money[definition.Columns.Count];
            if (line.Accounts is not null)
            {
                var debitSide = line.Side != "credit";
                var measure = line.Measure ?? definition.Measure;
                foreach (var term in line.Accounts)
                {
                    var detailsOnSide = term.EndsWith('+');
                    var account = snapshot.Chart.Find(term.TrimEnd('+'));
                    if (account is null)
                    {
                        continue; // a book may lack an account only if the chart changes; it then contributes nothing
                    }

                    IEnumerable<AccountFigures> parts = detailsOnSide ? snapshot.DetailsOf(account) : [snapshot.Of(account)];
                    foreach (var f in parts)
                    {
                        for (var c = 0; c < v.Length; c++)
                        {
                            var amount = Measure(measure, c, f, debitSide);
                            if (!detailsOnSide || amount > 0)
                            {
                                v[c] += Money.FromFen(amount);
                            }
                        }
                    }
                }
            }
            else
            {
                foreach (var reference in line.LinesReferenced!)
                {
                    var negate = reference.StartsWith('-');
                    var other = values[reference.TrimStart('-')];
                    for (var c = 0; c < v.Length; c++)
                    {
                        v[c] += negate ? -other[c] : other[c];
                    }
                }
            }

            values[line.Id] = v;
            lines.Add(new StatementLine(line.Id, line.Row, line.Prefix, line.Name, line.Total, v));
        }

        return lines;
    }

    /// <summary>The amount of one column for one account, on the line's side (positive = on that side).</summary>
    private static long Measure(string measure, int column, in AccountFigures f, bool debitSide)
    {
        long debitPositive = measure switch
        {
            // Balance sheet: 年初数, 期末数.
            "balance" => column == 0 ? f.OpeningOfYear : f.Closing,
            // Income statement: this month, this year; closing vouchers are not activity.
            "activity" => column == 0
                ? (f.PeriodDebit - f.PeriodYearEndDebit) - (f.PeriodCredit - f.PeriodYearEndCredit)
                : (f.YearDebit - f.YearYearEndDebit) - (f.YearCredit - f.YearYearEndCredit),
            // The balance at 1 January belongs to the year's column; the month's column shows movements only.
            "yearOpening" => column == 0 ? 0 : f.OpeningOfYear,
            _ => throw new InvalidOperationException($"Unknown statement measure '{measure}'."),
        };
        return debitSide ? debitPositive : -debitPositive;
    }

    /// <summary>The 科目余额表 lines of one book: every account with a figure, details under their parents.</summary>
    public static IReadOnlyList<TrialBalanceLine> TrialBalanceLines(BalanceSnapshot snapshot, bool standardOnly)
    {
        var result = new List<TrialBalanceLine>();
        foreach (var account in snapshot.Chart.Accounts)
        {
            if (standardOnly && !account.IsStandard)
            {
                continue;
            }

            var f = snapshot.Of(account);
            if (f.IsZero)
            {
                continue;
            }

            result.Add(new TrialBalanceLine(
                account.Code,
                account.Name,
                snapshot.Chart.SelfAndAncestors(account).Count(),
                account.NormalSide,
                Money.FromFen(f.OpeningOfPeriod),
                Money.FromFen(f.PeriodDebit),
                Money.FromFen(f.PeriodCredit),
                Money.FromFen(f.YearDebit),
                Money.FromFen(f.YearCredit),
                Money.FromFen(f.Closing)));
        }

        return result;
    }
}
