namespace AssetLedger.Rules.Budgets;

/// <summary>
/// A year's budget for one income or expense leaf account of a book, optionally split by month. One per book, year
/// and account (budgets never overlap); changes are <see cref="BudgetAdjustment"/>s, never overwrites.
/// </summary>
public sealed class Budget
{
    public long Id { get; set; }

    public int BookId { get; init; }

    public int Year { get; init; }

    public required string AccountCode { get; init; }

    /// <summary>The year's amount as approved, in 分.</summary>
    public long Amount { get; init; }

    /// <summary>The months' amounts in 分, separated by ';' (twelve of them), when the budget is split; else null.</summary>
    public string? Months { get; init; }

    public DateTime ImportedAtUtc { get; init; }

    public required string Actor { get; init; }

    /// <summary>The budget through a month: the months' amounts so far when split, else the whole year.</summary>
    public long Through(int month) =>
        Months is null ? Amount : Months.Split(';').Take(month).Sum(m => long.Parse(m, System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>An approved change of a budget's yearly amount (追加/调减), with who, when and the approval.</summary>
public sealed class BudgetAdjustment
{
    public long Id { get; set; }

    public long BudgetId { get; init; }

    /// <summary>The change in 分: positive adds, negative cuts.</summary>
    public long Amount { get; init; }

    public required string Reason { get; init; }

    public DateTime AtUtc { get; init; }

    public required string Actor { get; init; }
}
