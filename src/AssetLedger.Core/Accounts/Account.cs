namespace AssetLedger.Core.Accounts;

/// <summary>An account of one book: a standard account of the chart, or a detail account (明细科目) under one.</summary>
public sealed class Account
{
    public int Id { get; set; }

    public int BookId { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public AccountCategory Category { get; init; }

    public BalanceSide NormalSide { get; init; }

    /// <summary>The code of the account this one details; null for first-level accounts.</summary>
    public string? ParentCode { get; init; }

    public AccountFlags Flags { get; init; }

    /// <summary>True for the accounts of the official chart, whose codes a book may never change.</summary>
    public bool IsStandard { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public bool Has(AccountFlags flag) => (Flags & flag) == flag;
}

public enum AccountCategory
{
    Asset = 1,
    Liability = 2,
    Equity = 3,
    Cost = 4,
    ProfitAndLoss = 5,
}

public enum BalanceSide
{
    Debit = 1,
    Credit = 2,
}

[Flags]
#pragma warning disable CA1711 // "Flags" is the domain word here
public enum AccountFlags
#pragma warning restore CA1711
{
    None = 0,

    /// <summary>库存现金.</summary>
    Cash = 1,

    /// <summary>银行存款.</summary>
    Bank = 2,

    /// <summary>Every posting names a counterparty (往来单位/个人).</summary>
    Counterparty = 4,

    /// <summary>The balance can be on either side; statements split it by sign.</summary>
    TwoSided = 8,

    /// <summary>An asset account with a credit balance, netted against its asset on the balance sheet.</summary>
    Contra = 16,

    /// <summary>Income or expense, zeroed into 321 本年收益 at year end.</summary>
    ClosesTo321 = 32,
}
