using AssetLedger.Rules.Settings;
using AssetLedger.Testing;

namespace AssetLedger.Rules.Tests.Settings;

/// <summary>A rule parameter as typed on the command line, in the API and on a page: one reading for all three.</summary>
public class ParameterTextTests
{
    [Theory]
    [InlineData("6000", 6000)]
    [InlineData("0.5", 0.5)]
    [InlineData("50000.00", 50000)]
    public void A_plain_number_is_a_value(string text, decimal value) =>
        ParameterText.Parse(text).ShouldSucceed().Should().Be(value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("-5")]
    [InlineData("1e9")]
    [InlineData("五千")]
    public void Anything_else_is_refused_naming_the_text_and_the_place(string? text)
    {
        var error = ParameterText.Parse(text, "--value").ShouldFailWith(ParameterText.InvalidCode);

        error.Location.Should().Be("--value");
        error.Message.Should().Contain($"'{text}'");
    }

    [Fact]
    public void Proposed_values_are_name_equals_value_and_every_bad_one_is_listed()
    {
        ParameterText.ParseAssignments(["tier1 = 6000", "days=7"], "--param").ShouldSucceed()
            .Should().BeEquivalentTo(new Dictionary<string, decimal> { ["tier1"] = 6000, ["days"] = 7 });
        ParameterText.ParseAssignments(["tier1", "days=x", "limit=5000"], "--param").Errors.Select(e => e.Message)
            .Should().Equal("'tier1' is not NAME=VALUE with a number", "'days=x' is not NAME=VALUE with a number");
    }

    [Fact]
    public void Proposed_values_as_a_map_name_each_bad_one_by_its_key() =>
        ParameterText.ParseMap(new Dictionary<string, string> { ["tier1"] = "x", ["days"] = "7" }, "parameters").Errors
            .Should().ContainSingle().Which.Location.Should().Be("parameters.tier1");
}
