using AssetLedger.Core.Assets;
using AssetLedger.Core.Common;
using AssetLedger.Core.Persistence;

namespace AssetLedger.Core.Verification.Invariants;

/// <summary>What an invariant may look at: the shared scan, and the database for what the scan does not hold.</summary>
public sealed record InvariantContext(LedgerScan Scan, LedgerDbContext Db, AssetRegister Assets);

/// <summary>One thing that must hold of the books: it returns what breaks it, as errors with the book and place named.</summary>
public interface ILedgerInvariant
{
    Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct);
}

/// <summary>A check that needs nothing beyond the scan.</summary>
public abstract class ScanInvariant : ILedgerInvariant
{
    public Task<IReadOnlyList<LedgerError>> CheckAsync(InvariantContext context, CancellationToken ct) => Task.FromResult<IReadOnlyList<LedgerError>>(Check(context.Scan).ToList());

    protected abstract IEnumerable<LedgerError> Check(LedgerScan scan);
}

/// <summary>Every invariant <c>verify</c> checks, in the order their findings are listed — beancount's list of validations.</summary>
public static class LedgerInvariants
{
    /// <summary>Problems of one kind beyond this many are counted, not listed.</summary>
    public const int MaxListed = 50;

    public static IReadOnlyList<ILedgerInvariant> All { get; } =
    [
        new NumberingIsGapFree(),
        new VouchersHoldTheirLines(),
        new MaintainedBalancesMatch(),
        new PeriodsBalance(),
        new PostingsSitOnLeaves(),
        new ClosedYearsAreClosed(),
        new ReversalsMirror(),
        new AuditAccountsForEveryVoucher(),
        new AssetRegisterReconciles(),
    ];

    /// <summary>At most <see cref="MaxListed"/> of <paramref name="errors"/>, then one line counting the rest.</summary>
    public static IReadOnlyList<LedgerError> Capped(IReadOnlyList<LedgerError> errors, string code, string what) =>
        errors.Count <= MaxListed ? errors : [.. errors.Take(MaxListed), new LedgerError(code, $"… and {errors.Count - MaxListed} more {what}")];
}
