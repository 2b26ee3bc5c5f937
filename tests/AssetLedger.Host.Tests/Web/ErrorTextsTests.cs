using System.Text.RegularExpressions;
using AssetLedger.Core.Common;
using AssetLedger.Host.Web.Pages;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The pages' Chinese for the ledger's errors: a sentence per code, the places' words translated.</summary>
public sealed partial class ErrorTextsTests
{
    [Theory]
    [InlineData("line 12, column debit", "第 12 行，列 debit")]
    [InlineData("lines 3-5", "第 3-5 行")]
    [InlineData("sheet 凭证, row 3, column 借方", "工作表 凭证，第 3 行，列 借方")]
    [InlineData("sheet 凭证, row 1 (header)", "工作表 凭证，第 1 行（表头）")]
    [InlineData("第 1 行 借方", "第 1 行 借方")]
    [InlineData(null, "")]
    public void A_place_is_named_in_Chinese(string? location, string expected) =>
        ErrorTexts.Place(location).Should().Be(expected);

    [Theory]
    [InlineData("voucher.unbalanced")]
    [InlineData("account.unknown")]
    [InlineData("period.closed")]
    [InlineData("money.too_many_decimals")]
    [InlineData("date.invalid")]
    [InlineData("posting.counterparty_required")]
    [InlineData("csv.missing_column")]
    public void What_an_accountant_meets_most_has_a_Chinese_sentence(string code) =>
        ErrorTexts.Sentence(new LedgerError(code, "…")).Should().NotBeNullOrEmpty().And.MatchRegex(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public void A_code_without_a_sentence_shows_the_ledgers_message_alone() =>
        ErrorTexts.Sentence(new LedgerError("verify.more", "…")).Should().BeNull();

    /// <summary>
    /// Every error code written in the product's source — <c>new LedgerError("area.name", …)</c>, a target-typed
    /// <c>new("area.name", …)</c>, or a <c>const string …Code</c> — has its Chinese sentence, so no page shows an error
    /// in English alone.
    /// </summary>
    [Fact]
    public void Every_error_code_the_product_can_raise_has_a_Chinese_sentence()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "AssetLedger.sln")))
        {
            root = root.Parent!;
        }

        var codes = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodePattern().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .ToHashSet(StringComparer.Ordinal);

        codes.Should().HaveCountGreaterThan(150, "the product's codes are all found");
        codes.Where(c => ErrorTexts.Sentence(new LedgerError(c, "…")) is null).Order(StringComparer.Ordinal).Should().BeEmpty();
    }

    [Theory]
    [InlineData("no organization has code '9' (see `org list`)", "no organization has code '9'")]
    [InlineData("'x' is not a rule (see `rules list`)", "'x' is not a rule")]
    [InlineData("an .xlsx workbook is a file: give --out FILE.xlsx", "an .xlsx workbook is a file")]
    [InlineData("the amount '12,34,5' is not an amount", "the amount '12,34,5' is not an amount")]
    public void A_message_on_a_page_never_tells_the_user_to_run_a_command(string message, string shown) =>
        ErrorTexts.Detail(new LedgerError("x.y", message)).Should().Be(shown);

    [GeneratedRegex("""(?:LedgerError\(\s*|new\(\s*|const string \w*Code = )"(?<code>[a-z_]+\.[a-z_]+)"(?!\))""")]
    private static partial Regex CodePattern();
}
