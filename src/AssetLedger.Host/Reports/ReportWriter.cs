using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using AssetLedger.Core.Accounts;
using AssetLedger.Core.Common;
using AssetLedger.Core.Statements;
using CsvHelper;

namespace AssetLedger.Host.Reports;

/// <summary>
/// Writes the statements as text (for a terminal), CSV (for a spreadsheet) or JSON (for programs). Every format
/// shows the same figures from <see cref="StatementService"/>; JSON lines carry the statement's Chinese name and
/// the amount in 元 as a number.
/// </summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    private static string Direction(Money balance) => balance.IsZero ? "平" : balance.IsPositive ? "借" : "贷";

    /// <summary>A balance on the account's normal side, signed: a debit account's credit balance is negative.</summary>
    private static decimal OnSide(Money debitPositive, BalanceSide side) => side == BalanceSide.Debit ? debitPositive.Yuan : (-debitPositive).Yuan;

    private static Dictionary<string, object> Header(ReportHeader h) => new Dictionary<string, object>
    {
        ["report"] = h.Title,
        ["org"] = new { code = h.OrgCode, name = h.OrgName },
        ["period"] = h.Period.ToString(),
        ["unit"] = ReportHeader.Unit,
        ["books"] = h.Books,
    };

    private static void WriteTitle(TextWriter output, ReportHeader h, ReportFormat format)
    {
        var title = h.Title + (h.IsRollUp ? "（汇总）" : string.Empty);
        var line = $"单位：{h.OrgName}（{h.OrgCode}）  期间：{h.Period}  金额单位：{ReportHeader.Unit}{(h.IsRollUp ? $"  账套数：{h.Books}" : string.Empty)}";
        if (format == ReportFormat.Html)
        {
            output.WriteLine($"<h2>{TextTable.Html.Encode(title)}</h2><p class=\"report-header\">{TextTable.Html.Encode(line)}</p>");
            return;
        }

        output.WriteLine(title);
        output.WriteLine(line);
        output.WriteLine();
    }

    /// <summary>A section's heading inside a report (the disclosure's parts, a ledger's accounts).</summary>
    private static void WriteHeading(TextWriter output, string heading, ReportFormat format) =>
        output.WriteLine(format == ReportFormat.Html ? $"<h3>{TextTable.Html.Encode(heading)}</h3>" : heading);

    private static string M(Money m) => m.IsZero ? string.Empty : m.ToString();

    public static void Write(TrialBalance tb, ReportFormat format, TextWriter output)
    {
        static (Money Debit, Money Credit) Split(Money b) => b.IsPositive ? (b, Money.Zero) : (Money.Zero, -b);
        switch (format)
        {
            case ReportFormat.Json:
                var doc = Header(tb.Header);
                doc["lines"] = tb.Lines.Select(l => new Dictionary<string, object>
                {
                    ["code"] = l.Code,
                    ["name"] = l.Name,
                    ["level"] = l.Level,
                    ["openingDebit"] = Split(l.Opening).Debit.Yuan,
                    ["openingCredit"] = Split(l.Opening).Credit.Yuan,
                    ["periodDebit"] = l.PeriodDebit.Yuan,
                    ["periodCredit"] = l.PeriodCredit.Yuan,
                    ["yearDebit"] = l.YearDebit.Yuan,
                    ["yearCredit"] = l.YearCredit.Yuan,
                    ["closingDebit"] = Split(l.Closing).Debit.Yuan,
                    ["closingCredit"] = Split(l.Closing).Credit.Yuan,
                    ["direction"] = Direction(l.Closing),
                    ["amount"] = OnSide(l.Closing, l.NormalSide),
                }).ToList();
                doc["total"] = new Dictionary<string, object>
                {
                    ["name"] = "合计",
                    ["openingDebit"] = tb.OpeningDebitTotal.Yuan,
                    ["openingCredit"] = tb.OpeningCreditTotal.Yuan,
                    ["periodDebit"] = tb.PeriodDebitTotal.Yuan,
                    ["periodCredit"] = tb.PeriodCreditTotal.Yuan,
                    ["yearDebit"] = tb.YearDebitTotal.Yuan,
                    ["yearCredit"] = tb.YearCreditTotal.Yuan,
                    ["closingDebit"] = tb.ClosingDebitTotal.Yuan,
                    ["closingCredit"] = tb.ClosingCreditTotal.Yuan,
                };
                doc["balanced"] = tb.IsBalanced;
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
                return;
            case ReportFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    Row(csv, "科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方", "本年累计借方", "本年累计贷方", "期末借方", "期末贷方");
                    foreach (var l in tb.Lines)
                    {
                        Row(csv, l.Code, T(l.Name), P(Split(l.Opening).Debit), P(Split(l.Opening).Credit), P(l.PeriodDebit), P(l.PeriodCredit),
                            P(l.YearDebit), P(l.YearCredit), P(Split(l.Closing).Debit), P(Split(l.Closing).Credit));
                    }

                    Row(csv, string.Empty, "合计", P(tb.OpeningDebitTotal), P(tb.OpeningCreditTotal), P(tb.PeriodDebitTotal), P(tb.PeriodCreditTotal),
                        P(tb.YearDebitTotal), P(tb.YearCreditTotal), P(tb.ClosingDebitTotal), P(tb.ClosingCreditTotal));
                }

                return;
            default:
                WriteTitle(output, tb.Header, format);
                var t = new TextTable(("科目编码", false), ("科目名称", false), ("期初借方", true), ("期初贷方", true), ("本期借方", true),
                    ("本期贷方", true), ("本年借方", true), ("本年贷方", true), ("期末借方", true), ("期末贷方", true));
                foreach (var l in tb.Lines)
                {
                    t.Add(l.Code, new string(' ', (l.Level - 1) * 2) + l.Name, M(Split(l.Opening).Debit), M(Split(l.Opening).Credit), M(l.PeriodDebit),
                        M(l.PeriodCredit), M(l.YearDebit), M(l.YearCredit), M(Split(l.Closing).Debit), M(Split(l.Closing).Credit));
                }

                t.Add(string.Empty, "合计", M(tb.OpeningDebitTotal), M(tb.OpeningCreditTotal), M(tb.PeriodDebitTotal), M(tb.PeriodCreditTotal),
                    M(tb.YearDebitTotal), M(tb.YearCreditTotal), M(tb.ClosingDebitTotal), M(tb.ClosingCreditTotal));
                t.Write(output, format);
                return;
        }
    }

    public static void Write(Statement s, ReportFormat format, TextWriter output)
    {
        var isBalanceSheet = s.Columns[0] == "年初数";
        var keys = isBalanceSheet ? new[] { "opening", "closing" } : ["period", "yearToDate"];
        switch (format)
        {
            case ReportFormat.Json:
                var doc = Header(s.Header);
                doc["columns"] = s.Columns;
                doc["lines"] = s.Lines.Select(l =>
                {
                    var d = new Dictionary<string, object?> { ["row"] = l.Row, ["name"] = l.Name };
                    for (var i = 0; i < keys.Length; i++)
                    {
                        d[keys[i]] = l.Values[i].Yuan;
                    }

                    d["amount"] = l.Values[^1].Yuan;
                    return d;
                }).ToList();
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
                return;
            case ReportFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    Row(csv, ["项目", "行次", .. s.Columns]);
                    foreach (var l in s.Lines)
                    {
                        Row(csv, [(l.Prefix ?? string.Empty) + l.Name, l.Row?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, .. l.Values.Select(P)]);
                    }
                }

                return;
            default:
                WriteTitle(output, s.Header, format);
                var t = new TextTable([("项目", false), ("行次", true), .. s.Columns.Select(c => (c, true))]);
                foreach (var l in s.Lines)
                {
                    t.Add([(l.IsTotal ? string.Empty : "  ") + (l.Prefix ?? string.Empty) + l.Name, l.Row?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                        .. l.Values.Select(v => v.ToString())]);
                }

                t.Write(output, format);
                return;
        }
    }

    public static void Write(Journal j, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                var doc = Header(j.Header);
                doc["entries"] = j.Entries.Select(e => new Dictionary<string, object?>
                {
                    ["org"] = e.OrgCode,
                    ["date"] = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["voucher"] = e.VoucherNumber,
                    ["line"] = e.LineNo,
                    ["account"] = e.AccountCode,
                    ["name"] = e.AccountName,
                    ["summary"] = e.Summary,
                    ["counterparty"] = e.Counterparty,
                    ["debit"] = e.Debit.Yuan,
                    ["credit"] = e.Credit.Yuan,
                }).ToList();
                doc["total"] = new Dictionary<string, object> { ["name"] = "合计", ["debit"] = j.DebitTotal.Yuan, ["credit"] = j.CreditTotal.Yuan };
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
                return;
            case ReportFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    Row(csv, "单位", "日期", "凭证号", "行", "科目编码", "科目名称", "摘要", "往来单位", "借方金额", "贷方金额");
                    foreach (var e in j.Entries)
                    {
                        Row(csv, e.OrgCode, e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.VoucherNumber,
                            e.LineNo.ToString(CultureInfo.InvariantCulture), e.AccountCode, T(e.AccountName), T(e.Summary), T(e.Counterparty), P(e.Debit), P(e.Credit));
                    }
                }

                return;
            default:
                WriteTitle(output, j.Header, format);
                var t = new TextTable(("日期", false), ("凭证号", false), ("科目", false), ("摘要", false), ("往来单位", false), ("借方金额", true), ("贷方金额", true));
                foreach (var e in j.Entries)
                {
                    t.Add(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (j.Header.IsRollUp ? e.OrgCode + " " : string.Empty) + e.VoucherNumber,
                        $"{e.AccountCode} {e.AccountName}", e.Summary, e.Counterparty ?? string.Empty, M(e.Debit), M(e.Credit));
                }

                t.Add(string.Empty, string.Empty, string.Empty, "合计", string.Empty, j.DebitTotal.ToString(), j.CreditTotal.ToString());
                t.Write(output, format);
                return;
        }
    }

    public static void Write(Ledger ledger, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                var doc = Header(ledger.Header);
                doc["accounts"] = ledger.Accounts.Select(a => new Dictionary<string, object?>
                {
                    ["org"] = a.OrgCode,
                    ["code"] = a.Code,
                    ["name"] = a.Name,
                    ["opening"] = new Dictionary<string, object> { ["name"] = "期初余额", ["direction"] = Direction(a.Opening), ["amount"] = a.Opening.Abs().Yuan },
                    ["rows"] = a.Rows.Select(r => new Dictionary<string, object?>
                    {
                        ["date"] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["voucher"] = r.VoucherNumber,
                        ["summary"] = r.Summary,
                        ["counterparty"] = r.Counterparty,
                        ["debit"] = r.Debit.Yuan,
                        ["credit"] = r.Credit.Yuan,
                        ["direction"] = Direction(r.Balance),
                        ["balance"] = r.Balance.Abs().Yuan,
                    }).ToList(),
                    ["period"] = new Dictionary<string, object> { ["name"] = "本月合计", ["debit"] = a.PeriodDebit.Yuan, ["credit"] = a.PeriodCredit.Yuan },
                    ["year"] = new Dictionary<string, object> { ["name"] = "本年累计", ["debit"] = a.YearDebit.Yuan, ["credit"] = a.YearCredit.Yuan },
                    ["closing"] = new Dictionary<string, object> { ["name"] = "期末余额", ["direction"] = Direction(a.Closing), ["amount"] = a.Closing.Abs().Yuan },
                }).ToList();
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
                return;
            case ReportFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    Row(csv, "单位", "科目编码", "科目名称", "日期", "凭证号", "摘要", "往来单位", "借方金额", "贷方金额", "方向", "余额");
                    foreach (var a in ledger.Accounts)
                    {
                        Row(csv, a.OrgCode, a.Code, T(a.Name), string.Empty, string.Empty, "期初余额", string.Empty, string.Empty, string.Empty, Direction(a.Opening), P(a.Opening.Abs()));
                        foreach (var r in a.Rows)
                        {
                            Row(csv, a.OrgCode, a.Code, T(a.Name), r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.VoucherNumber, T(r.Summary),
                                T(r.Counterparty), P(r.Debit), P(r.Credit), Direction(r.Balance), P(r.Balance.Abs()));
                        }

                        Row(csv, a.OrgCode, a.Code, T(a.Name), string.Empty, string.Empty, "本月合计", string.Empty, P(a.PeriodDebit), P(a.PeriodCredit), Direction(a.Closing), P(a.Closing.Abs()));
                        Row(csv, a.OrgCode, a.Code, T(a.Name), string.Empty, string.Empty, "本年累计", string.Empty, P(a.YearDebit), P(a.YearCredit), Direction(a.Closing), P(a.Closing.Abs()));
                    }
                }

                return;
            default:
                WriteTitle(output, ledger.Header, format);
                foreach (var a in ledger.Accounts)
                {
                    WriteHeading(output, $"{(ledger.Header.IsRollUp ? a.OrgCode + " " : string.Empty)}{a.Code} {a.Name}", format);
                    var t = new TextTable(("日期", false), ("凭证号", false), ("摘要", false), ("往来单位", false), ("借方金额", true), ("贷方金额", true), ("方向", false), ("余额", true));
                    t.Add(string.Empty, string.Empty, "期初余额", string.Empty, string.Empty, string.Empty, Direction(a.Opening), a.Opening.Abs().ToString());
                    foreach (var r in a.Rows)
                    {
                        t.Add(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.VoucherNumber, r.Summary, r.Counterparty ?? string.Empty,
                            M(r.Debit), M(r.Credit), Direction(r.Balance), r.Balance.Abs().ToString());
                    }

                    t.Add(string.Empty, string.Empty, "本月合计", string.Empty, a.PeriodDebit.ToString(), a.PeriodCredit.ToString(), Direction(a.Closing), a.Closing.Abs().ToString());
                    t.Add(string.Empty, string.Empty, "本年累计", string.Empty, a.YearDebit.ToString(), a.YearCredit.ToString(), Direction(a.Closing), a.Closing.Abs().ToString());
                    t.Write(output, format);
                    output.WriteLine();
                }

                return;
        }
    }

    public static void Write(Disclosure d, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                var doc = Header(d.Header);
                doc["results"] = d.Results.Select(l => new Dictionary<string, object> { ["name"] = l.Name, ["quarter"] = l.Quarter.Yuan, ["yearToDate"] = l.Year.Yuan }).ToList();
                doc["position"] = d.Position.Select(l => new Dictionary<string, object> { ["name"] = l.Name, ["opening"] = l.Year.Yuan, ["closing"] = l.Quarter.Yuan }).ToList();
                doc["largeItems"] = d.LargeItems.Select(v => new Dictionary<string, object>
                {
                    ["org"] = v.OrgCode, ["date"] = v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["voucher"] = v.VoucherNumber, ["summary"] = v.Summary, ["amount"] = v.Amount.Yuan,
                }).ToList();
                doc["largeThreshold"] = d.LargeThreshold.Yuan;
                output.WriteLine(JsonSerializer.Serialize(doc, Json));
                return;
            case ReportFormat.Csv:
                using (var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true))
                {
                    Row(csv, "部分", "项目", "本季数/期末数", "本年累计数/年初数", "日期", "凭证号");
                    foreach (var l in d.Results)
                    {
                        Row(csv, "收支情况", T(l.Name), P(l.Quarter), P(l.Year), string.Empty, string.Empty);
                    }

                    foreach (var l in d.Position)
                    {
                        Row(csv, "资产负债", T(l.Name), P(l.Quarter), P(l.Year), string.Empty, string.Empty);
                    }

                    foreach (var v in d.LargeItems)
                    {
                        Row(csv, "大额收支", T(v.Summary), P(v.Amount), string.Empty, v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.VoucherNumber);
                    }
                }

                return;
            default:
                WriteTitle(output, d.Header, format);
                WriteHeading(output, "一、收支情况", format);
                var results = new TextTable(("项目", false), ("本季数", true), ("本年累计数", true));
                foreach (var l in d.Results)
                {
                    results.Add(l.Name, l.Quarter.ToString(), l.Year.ToString());
                }

                results.Write(output, format);
                output.WriteLine();
                WriteHeading(output, "二、资产负债", format);
                var position = new TextTable(("项目", false), ("年初数", true), ("期末数", true));
                foreach (var l in d.Position)
                {
                    position.Add(l.Name, l.Year.ToString(), l.Quarter.ToString());
                }

                position.Write(output, format);
                output.WriteLine();
                WriteHeading(output, $"三、大额收支（单笔{d.LargeThreshold}元及以上）", format);
                var large = new TextTable(("日期", false), ("凭证号", false), ("摘要", false), ("金额", true));
                foreach (var v in d.LargeItems)
                {
                    large.Add(v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (d.Header.IsRollUp ? v.OrgCode + " " : string.Empty) + v.VoucherNumber, v.Summary, v.Amount.ToString());
                }

                large.Write(output, format);
                return;
        }
    }

    private static string P(Money m) => m.ToPlainString();

    /// <summary>Text a person typed, made inert for spreadsheets: a leading = + - @ would start a formula.</summary>
    private static string T(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void Row(CsvWriter csv, params string[] cells)
    {
        foreach (var c in cells)
        {
            csv.WriteField(c);
        }

        csv.NextRecord();
    }
}
