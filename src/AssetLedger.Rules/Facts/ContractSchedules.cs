using AssetLedger.Core.Contracts;
using AssetLedger.Rules.Engine;

namespace AssetLedger.Rules.Facts;

/// <summary>Every contract of the book with its schedule (paid, due, overdue): CONTRACT_EXPIRING's and RENT_OVERDUE's facts.</summary>
public sealed class ContractSchedules : FactSource<IReadOnlyList<ContractSchedule>>
{
    public static readonly ContractSchedules Source = new();

    public override async Task<IReadOnlyList<ContractSchedule>> ReadAsync(FactContext context, CancellationToken ct) =>
        await context.Services.Contracts.SchedulesAsync(context.BookId, ct);
}
