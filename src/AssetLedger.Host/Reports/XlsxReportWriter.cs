using AssetLedger.Core.Common;
using AssetLedger.Core.Spreadsheets;
using AssetLedger.Core.Statements;
using ClosedXML.Excel;

namespace AssetLedger.Host.Reports;

/// <summary>Who prepared a workbook and when: the lines of its title block that are not figures.</summary>
public sealed record WorkbookMaker(string Preparer, DateOnly MadeOn);

/// <summary>
/// The reports as .xlsx, from the same report models as the text, CSV and JSON writers (one source of figures).
/// The statements (科目余额表, 资产负债表, 收益及收益分配表) are formatted with ClosedXML — for a township or county,
/// the roll-up (汇总) sheet first and then one sheet per village; the detail books (序时账, 明细账) are streamed with
/// <see cref="StreamingWorkbook"/>, so a large journal costs little memory.
/// </summary>
internal static class XlsxReportWriter
{
    private static readonly string[] TrialBalanceHeaders = ["科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方", "本年累计借方", "本年累计贷方", "期末借方", "期末贷方"];

    private static (Money Debit, Money Credit) Split(Money b) => b.IsPositive ? (b, Money.Zero) : (Money.Zero, -b);

    /// <param name="period">How the period reads; by default the month, e.g. 2024年3月.</param>
    private static ReportTitle Title(ReportHeader h, WorkbookMaker maker, string? period = null) =>
        ReportTitle.For(h.Title + (h.IsRollUp ? "（汇总）" : string.Empty), $"{h.OrgName}（{h.OrgCode}）" + (h.IsRollUp ? $"，{h.Books}个账套" : string.Empty),
            period ?? $"{h.Period.Year}年{h.Period.Month}月", maker.Preparer, maker.MadeOn);

    private static string SheetLabel(ReportHeader h) => h.IsRollUp ? "汇总" : $"{h.OrgName}（{h.OrgCode}）";

    /// <param name="reports">The report, then (for a roll-up) the same report for each village under it.</param>
    public static void Write(IReadOnlyList<TrialBalance> reports, WorkbookMaker maker, Stream output)
    {
        using var workbook = new XLWorkbook();
        foreach (var tb in reports)
        {
            var sheet = workbook.Worksheets.Add(workbook.NewSheetName(SheetLabel(tb.Header)));
            var headerRow = sheet.WriteTitle(Title(tb.Header, maker), TrialBalanceHeaders.Length);
            sheet.WriteHeader(headerRow, TrialBalanceHeaders);
            var r = headerRow + 1;
            foreach (var l in tb.Lines)
            {
                sheet.Cell(r, 1).SetText(l.Code);
                sheet.Cell(r, 2).SetText(l.Name).Style.Alignment.SetIndent(l.Level - 1);
                Money[] values = [Split(l.Opening).Debit, Split(l.Opening).Credit, l.PeriodDebit, l.PeriodCredit, l.YearDebit, l.YearCredit, Split(l.Closing).Debit, Split(l.Closing).Credit];
                for (var i = 0; i < values.Length; i++)
                {
                    sheet.Cell(r, i + 3).SetAmount(values[i]);
                }

                if (l.Level > 1)
                {
                    // Detail accounts are grouped under their parent: the first-level rows are what the totals add up.
                    sheet.Row(r).OutlineLevel = l.Level - 1;
                }

                r++;
            }

            sheet.Cell(r, 2).SetText("合计（一级科目）");
            Money[] totals = [tb.OpeningDebitTotal, tb.OpeningCreditTotal, tb.PeriodDebitTotal, tb.PeriodCreditTotal, tb.YearDebitTotal, tb.YearCreditTotal, tb.ClosingDebitTotal, tb.ClosingCreditTotal];
            for (var i = 0; i < totals.Length; i++)
            {
                sheet.Cell(r, i + 3).SetAmount(totals[i]);
            }

            sheet.Row(r).Style.Font.SetBold().Border.SetTopBorder(XLBorderStyleValues.Thin);
            sheet.SetWidths([12, 28, 15, 15, 15, 15, 15, 15, 15, 15]);
            sheet.SetPrintLayout(headerRow, landscape: true);
        }

        workbook.SaveAs(output);
    }

    /// <param name="reports">The statement, then (for a roll-up) the same statement for each village under it.</param>
    public static void Write(IReadOnlyList<Statement> reports, WorkbookMaker maker, Stream output)
    {
        using var workbook = new XLWorkbook();
        foreach (var s in reports)
        {
            var sheet = workbook.Worksheets.Add(workbook.NewSheetName(SheetLabel(s.Header)));
            // The official 资产负债表 sets assets on the left and liabilities and equity on the right, side by side.
            var split = s.Lines.ToList().FindIndex(l => l.Name == "资产总计");
            IReadOnlyList<IReadOnlyList<StatementLine>> sides = split > 0 ? [s.Lines.Take(split + 1).ToList(), s.Lines.Skip(split + 1).ToList()] : [s.Lines];
            string[] itemHeaders = split > 0 ? ["资产", "负债及所有者权益"] : ["项目"];
            var width = 2 + s.Columns.Count;
            var headerRow = sheet.WriteTitle(Title(s.Header, maker), width * sides.Count);
            for (var side = 0; side < sides.Count; side++)
            {
                var left = (side * width) + 1;
                sheet.WriteHeader(headerRow, [itemHeaders[side], "行次", .. s.Columns], left);

                var r = headerRow + 1;
                foreach (var l in sides[side])
                {
                    sheet.Cell(r, left).SetText((l.Prefix ?? string.Empty) + l.Name).Style.Alignment.SetIndent(l.IsTotal ? 0 : 1);
                    if (l.Row is { } row)
                    {
                        sheet.Cell(r, left + 1).SetValue(row).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
                    }

                    for (var i = 0; i < l.Values.Count; i++)
                    {
                        sheet.Cell(r, left + 2 + i).SetAmount(l.Values[i]);
                    }

                    if (l.IsTotal)
                    {
                        sheet.Range(r, left, r, left + width - 1).Style.Font.SetBold();
                    }

                    r++;
                }

                var nameWidth = Math.Max(24, sides[side].Max(l => SheetCells.DisplayWidth((l.Prefix ?? string.Empty) + l.Name)) + 4);
                sheet.Column(left).Width = nameWidth;
                sheet.Column(left + 1).Width = 6;
                for (var i = 0; i < s.Columns.Count; i++)
                {
                    sheet.Column(left + 2 + i).Width = 16;
                }
            }

            sheet.SetPrintLayout(headerRow, landscape: sides.Count > 1);
        }

        workbook.SaveAs(output);
    }

    /// <param name="reports">The disclosure, then (for a roll-up) each village's.</param>
    public static void Write(IReadOnlyList<Disclosure> reports, WorkbookMaker maker, Stream output)
    {
        using var workbook = new XLWorkbook();
        foreach (var d in reports)
        {
            var sheet = workbook.Worksheets.Add(workbook.NewSheetName(SheetLabel(d.Header)));
            var r = sheet.WriteTitle(Title(d.Header, maker, $"{d.Header.Period.Year}年第{d.Header.Period.Month / 3}季度"), 4);
            void Section(string heading, string[] headers)
            {
                sheet.Cell(r, 1).SetText(heading).Style.Font.SetBold();
                r++;
                sheet.WriteHeader(r, headers);
                r++;
            }

            void Lines(IEnumerable<(string Name, Money First, Money Second)> lines)
            {
                foreach (var (name, first, second) in lines)
                {
                    sheet.Cell(r, 1).SetText(name);
                    sheet.Cell(r, 2).SetAmount(first);
                    sheet.Cell(r, 3).SetAmount(second);
                    r++;
                }
            }

            Section("一、收支情况", ["项目", "本季数", "本年累计数", string.Empty]);
            Lines(d.Results.Select(l => (l.Name, l.Quarter, l.Year)));
            r++;
            Section("二、资产负债", ["项目", "年初数", "期末数", string.Empty]);
            Lines(d.Position.Select(l => (l.Name, l.Year, l.Quarter)));

            r++;
            Section($"三、大额收支（单笔{d.LargeThreshold}元及以上）", ["摘要", "日期", "凭证号", "金额"]);
            foreach (var v in d.LargeItems)
            {
                sheet.Cell(r, 1).SetText(v.Summary);
                sheet.Cell(r, 2).SetDay(v.Date);
                sheet.Cell(r, 3).SetText((d.Header.IsRollUp ? v.OrgCode + " " : string.Empty) + v.VoucherNumber);
                sheet.Cell(r, 4).SetAmount(v.Amount);
                r++;
            }

            sheet.SetWidths([36, 16, 18, 16]);
            sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
            sheet.PageSetup.FitToPages(1, 0);
        }

        workbook.SaveAs(output);
    }

    public static void Write(Journal j, WorkbookMaker maker, Stream output)
    {
        using var workbook = new StreamingWorkbook(output);
        var sheet = workbook.AddSheet("序时账", Title(j.Header, maker),
            ["单位", "日期", "凭证号", "行", "科目编码", "科目名称", "摘要", "往来单位", "借方金额", "贷方金额"], [10, 12, 16, 5, 12, 24, 40, 20, 16, 16]);
        foreach (var e in j.Entries)
        {
            sheet.Text(e.OrgCode).Day(e.Date).Text(e.VoucherNumber).Number(e.LineNo).Text(e.AccountCode).Text(e.AccountName).Text(e.Summary).Text(e.Counterparty)
                .AmountOrBlank(e.Debit).AmountOrBlank(e.Credit).End();
        }

        sheet.Text(null).Text(null).Text(null).Text(null).Text(null).Text(null).Text("合计", StreamingWorkbook.Style.TotalText).Text(null)
            .Amount(j.DebitTotal, total: true).Amount(j.CreditTotal, total: true).End();
    }

    public static void Write(Ledger ledger, WorkbookMaker maker, Stream output)
    {
        static string Direction(Money balance) => balance.IsZero ? "平" : balance.IsPositive ? "借" : "贷";
        using var workbook = new StreamingWorkbook(output);
        var sheet = workbook.AddSheet("明细账", Title(ledger.Header, maker),
            ["单位", "科目编码", "科目名称", "日期", "凭证号", "摘要", "往来单位", "借方金额", "贷方金额", "方向", "余额"], [10, 12, 24, 12, 16, 36, 20, 16, 16, 6, 16]);
        foreach (var a in ledger.Accounts)
        {
            sheet.Text(a.OrgCode).Text(a.Code).Text(a.Name).Text(null).Text(null).Text("期初余额", StreamingWorkbook.Style.TotalText).Text(null).Text(null).Text(null)
                .Text(Direction(a.Opening)).Amount(a.Opening.Abs()).End();
            foreach (var r in a.Rows)
            {
                sheet.Text(a.OrgCode).Text(a.Code).Text(a.Name).Day(r.Date).Text(r.VoucherNumber).Text(r.Summary).Text(r.Counterparty)
                    .AmountOrBlank(r.Debit).AmountOrBlank(r.Credit).Text(Direction(r.Balance)).Amount(r.Balance.Abs()).End();
            }

            foreach (var (name, debit, credit) in new[] { ("本月合计", a.PeriodDebit, a.PeriodCredit), ("本年累计", a.YearDebit, a.YearCredit) })
            {
                sheet.Text(a.OrgCode).Text(a.Code).Text(a.Name).Text(null).Text(null).Text(name, StreamingWorkbook.Style.TotalText).Text(null)
                    .Amount(debit, total: true).Amount(credit, total: true).Text(Direction(a.Closing)).Amount(a.Closing.Abs(), total: true).End();
            }
        }
    }
}
