namespace AssetLedger.Core.Contracts;

/// <summary>
/// A 发包 or 租赁 contract of collective resources or assets, as signed: immutable. Its installment schedule is
/// generated from the terms and stored; receipts settle installments; arrears are derived.
/// </summary>
public sealed class Contract
{
    public long Id { get; set; }

    public int BookId { get; init; }

    /// <summary>合同编号, unique in the book.</summary>
    public required string Number { get; init; }

    /// <summary>承包方/承租方.</summary>
    public required string Counterparty { get; init; }

    public ContractKind Kind { get; init; }

    /// <summary>The resources and assets it covers, by code, separated by ';'.</summary>
    public required string Subjects { get; init; }

    /// <summary>Area in ten-thousandths of a 亩 (0 when priced as a fixed amount).</summary>
    public long AreaTenThousandths { get; init; }

    /// <summary>单价 in 分 per 亩 per year (0 when priced as a fixed amount).</summary>
    public long UnitPricePerMuYear { get; init; }

    /// <summary>The yearly amount in 分, from area × unit price or as agreed.</summary>
    public long AnnualAmount { get; init; }

    public DateOnly Start { get; init; }

    /// <summary>The last day of the term (inclusive).</summary>
    public DateOnly End { get; init; }

    public PaymentTerms Payment { get; init; }

    /// <summary>Installments a year (1 for annual payment in advance; 2, 4, 12 …); 0 for a lump sum.</summary>
    public int InstallmentsPerYear { get; init; }

    /// <summary>保证金 in 分.</summary>
    public long Deposit { get; init; }

    /// <summary>The resolution (决议) that approved it.</summary>
    public string? Resolution { get; init; }

    public DateTime RegisteredAtUtc { get; init; }
}

public enum ContractKind
{
    /// <summary>发包.</summary>
    ContractOut = 1,

    /// <summary>租赁.</summary>
    Lease = 2,
}

public enum PaymentTerms
{
    /// <summary>每年预付: one installment a year, due at the start of each contract year.</summary>
    AnnualInAdvance = 1,

    /// <summary>分期: several installments a year, each due at the start of the months it covers.</summary>
    Installments = 2,

    /// <summary>一次性: the whole term at once, due at the start.</summary>
    LumpSum = 3,
}

/// <summary>One installment of a contract's schedule: what is due, when, for which stretch of the term.</summary>
public sealed class Installment
{
    public long Id { get; set; }

    public long ContractId { get; init; }

    public int Sequence { get; init; }

    public DateOnly CoversFrom { get; init; }

    public DateOnly CoversTo { get; init; }

    public DateOnly Due { get; init; }

    public long Amount { get; init; }

    /// <summary>The renewal or amendment that added it; null for the schedule generated at signing.</summary>
    public long? EventId { get; init; }
}

/// <summary>A renewal, early termination or amendment: append-only, like everything a contract records.</summary>
public sealed class ContractEvent
{
    public long Id { get; set; }

    public long ContractId { get; init; }

    public int BookId { get; init; }

    public ContractEventKind Kind { get; init; }

    /// <summary>From when it takes effect: the termination date, the amendment's first day, the renewal's first day.</summary>
    public DateOnly EffectiveFrom { get; init; }

    /// <summary>The term's new last day (renewal, termination).</summary>
    public DateOnly? NewEnd { get; init; }

    /// <summary>The new yearly amount in 分 (amendment).</summary>
    public long? NewAnnualAmount { get; init; }

    public required string Reason { get; init; }

    public DateTime AtUtc { get; init; }

    public required string Actor { get; init; }
}

public enum ContractEventKind
{
    /// <summary>续签.</summary>
    Renewed = 1,

    /// <summary>提前解除.</summary>
    Terminated = 2,

    /// <summary>变更 (a new yearly amount from a date).</summary>
    Amended = 3,
}

/// <summary>An installment an event superseded before anything was paid on it.</summary>
public sealed class InstallmentCancellation
{
    public long Id { get; set; }

    public long InstallmentId { get; init; }

    public long EventId { get; init; }
}

/// <summary>The part of a receipt voucher that settles an installment.</summary>
public sealed class InstallmentReceipt
{
    public long Id { get; set; }

    public long InstallmentId { get; init; }

    public long VoucherId { get; init; }

    public DateOnly Date { get; init; }

    public long Amount { get; init; }
}
