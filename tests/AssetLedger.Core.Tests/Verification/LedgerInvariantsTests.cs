using AssetLedger.Core.Verification.Invariants;

namespace AssetLedger.Core.Tests.Verification;

/// <summary><c>verify</c> runs its invariants from one list: none of them can be written and forgotten.</summary>
public class LedgerInvariantsTests
{
    [Fact]
    public void Every_invariant_written_is_in_the_list_once()
    {
        var written = typeof(ILedgerInvariant).Assembly.GetTypes()
            .Where(t => typeof(ILedgerInvariant).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

        LedgerInvariants.All.Select(i => i.GetType()).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(written);
    }
}
