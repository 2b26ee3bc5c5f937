using AssetLedger.Core.Common;
using AssetLedger.Host.Web.Pages;

namespace AssetLedger.Host.Tests.Web;

/// <summary>The pages' Chinese for the ledger's errors: a sentence per code, the places' words translated.</summary>
public sealed class ErrorTextsTests
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
}
