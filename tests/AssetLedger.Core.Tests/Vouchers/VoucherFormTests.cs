using AssetLedger.Core.Vouchers;

namespace AssetLedger.Core.Tests.Vouchers;

/// <summary>A voucher as typed into a form (the entry page, the API's JSON) becomes a draft in one place.</summary>
public class VoucherFormTests
{
    private static readonly VoucherFormPlaces Places = new("日期", i => $"第 {i + 1} 行 借方", i => $"第 {i + 1} 行 贷方");

    [Fact]
    public void Blank_and_missing_lines_are_no_lines_and_a_blank_side_is_zero()
    {
        var form = new VoucherForm("k-1", "2024-03-06",
        [
            new VoucherFormLine("513", "购买办公用品", "100", null, " 城关文具店 "),
            null,
            new VoucherFormLine(" ", "", null, "  "),
            new VoucherFormLine(" 101 ", "购买办公用品", "", "100"),
        ], "决议2024-01", Attachments: 2);

        var draft = form.ToDraft("lisi", Places).ShouldSucceed();

        draft.Should().BeEquivalentTo(new
        {
            Key = "k-1", Date = new DateOnly(2024, 3, 6), Resolution = "决议2024-01", AttachmentCount = 2, Preparer = "lisi",
        });
        draft.Lines.Should().Equal(
            new VoucherLineDraft("513", "购买办公用品", Money.FromYuan(100), Money.Zero, "城关文具店"),
            new VoucherLineDraft("101", "购买办公用品", Money.Zero, Money.FromYuan(100)));
    }

    [Fact]
    public void Every_bad_field_is_named_as_the_form_names_it_at_once()
    {
        var form = new VoucherForm("k-2", "2024-13-01",
        [
            new VoucherFormLine("513", "x", "12,34,5", "1.234"),
            new VoucherFormLine("101", "x", null, "abc"),
        ]);

        var errors = form.ToDraft(null, Places).Errors;

        errors.Select(e => (e.Code, e.Location)).Should().Equal(
            ("date.invalid", "日期"), ("money.invalid", "第 1 行 借方"), ("money.too_many_decimals", "第 1 行 贷方"), ("money.invalid", "第 2 行 贷方"));
    }

    [Fact]
    public void A_form_with_no_lines_at_all_is_a_draft_without_lines_for_the_voucher_rules_to_refuse() =>
        new VoucherForm("k-3", "2024-03-06", null).ToDraft(null, Places).ShouldSucceed().Lines.Should().BeEmpty();
}
