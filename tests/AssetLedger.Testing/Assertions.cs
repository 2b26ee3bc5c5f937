namespace AssetLedger.Testing;

public static class OutcomeAssertions
{
    /// <summary>Asserts failure with an error of <paramref name="code"/>, and returns that error.</summary>
    public static LedgerError ShouldFailWith<T>(this Outcome<T> outcome, string code)
    {
        outcome.Succeeded.Should().BeFalse("the input is invalid and must be rejected");
        outcome.Errors.Select(e => e.Code).Should().Contain(code, "errors were: {0}", string.Join("; ", outcome.Errors));
        return outcome.Errors.First(e => e.Code == code);
    }

    public static T ShouldSucceed<T>(this Outcome<T> outcome)
    {
        outcome.Succeeded.Should().BeTrue("errors were: {0}", string.Join("; ", outcome.Errors));
        return outcome.Value;
    }

    public static decimal Yuan(this Money m) => m.Yuan;
}
