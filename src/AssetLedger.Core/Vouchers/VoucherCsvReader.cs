using System.Globalization;
using AssetLedger.Core.Common;
using AssetLedger.Core.Import;

namespace AssetLedger.Core.Vouchers;

/// <summary>
/// Reads the voucher import file: UTF-8 CSV with the header
/// <c>key,date,summary,account,debit,credit,counterparty,resolution</c> (Chinese headers accepted), where
/// consecutive lines sharing a key form one voucher. Streams one voucher at a time.
/// </summary>
public static class VoucherCsvReader
{
    public static readonly IReadOnlyList<CsvColumn> Columns =
    [
        new("key", true, "凭证键", "业务编号"),
        new("date", true, "日期", "凭证日期"),
        new("summary", true, "摘要"),
        new("account", true, "科目", "科目编码", "会计科目"),
        new("debit", true, "借方金额", "借方"),
        new("credit", true, "贷方金额", "贷方"),
        new("counterparty", false, "往来单位", "往来单位/个人"),
        new("resolution", false, "决议编号"),
        new("attachments", false, "附件数", "附单据数"),
        new("preparer", false, "制单人"),
    ];

    public static IEnumerable<SourcedDraft> Read(Stream stream, ImportLimits limits, CancellationToken ct = default)
    {
        Group? group = null;
        foreach (var item in CsvTable.Read(stream, Columns, limits, ct))
        {
            if (!item.Succeeded)
            {
                if (group is not null)
                {
                    yield return group.ToDraft();
                    group = null;
                }

                yield return new SourcedDraft(null, string.Empty, item.Errors);
                continue;
            }

            var row = item.Value;
            var key = row.Get("key");
            if (group is not null && group.Key != key)
            {
                yield return group.ToDraft();
                group = null;
            }

            group ??= new Group(key, row.Line, row.Sheet);
            group.Add(row);
        }

        if (group is not null)
        {
            yield return group.ToDraft();
        }
    }

    /// <summary>The rows of one voucher as they are read.</summary>
    private sealed class Group(string key, int firstLine, string? sheet)
    {
        private readonly int firstLine = firstLine;
        private readonly List<VoucherLineDraft> lines = [];
        private readonly List<int> fileLines = [];
        private readonly List<LedgerError> errors = [];
        private int lastLine;
        private DateOnly? date;
        private string? dateSeen;
        private string? resolution;
        private string? preparer;
        private int attachments;

        public string Key { get; } = key;

        public void Add(CsvRow row)
        {
            lastLine = row.Line;
            fileLines.Add(row.Line);
            var where = row.Where;
            if (Key.Length == 0)
            {
                errors.Add(new LedgerError("csv.key_missing", "column key is empty; every line needs its voucher's key", where));
            }

            var dateText = row.Get("date");
            if (date is not null && dateText == dateSeen)
            {
                // the usual case: the voucher's lines repeat its date
            }
            else if (dateText.Length > 0 || date is null)
            {
                dateSeen = dateText;
                var parsed = CsvTable.ParseDate(dateText);
                if (!parsed.Succeeded)
                {
                    errors.AddRange(parsed.Errors.Select(e => e.At($"{where}, column date")));
                }
                else if (date is null)
                {
                    date = parsed.Value;
                }
                else if (date != parsed.Value)
                {
                    errors.Add(new LedgerError("voucher.dates_differ",
                        $"date {parsed.Value:yyyy-MM-dd} differs from {date:yyyy-MM-dd} on {CsvRow.Span(sheet, firstLine, firstLine)}; all lines of a voucher share its date",
                        $"{where}, column date"));
                }
            }

            resolution = Agree("resolution", resolution, row.Get("resolution"), where);
            preparer = Agree("preparer", preparer, row.Get("preparer"), where);
            var attachmentText = row.Get("attachments");
            if (attachmentText.Length > 0)
            {
                if (int.TryParse(attachmentText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    attachments = Math.Max(attachments, n);
                }
                else
                {
                    errors.Add(new LedgerError("csv.attachments_invalid", $"'{attachmentText}' is not a count of attachments", $"{where}, column attachments"));
                }
            }

            var debit = CsvTable.ParseAmount(row.Get("debit"));
            var credit = CsvTable.ParseAmount(row.Get("credit"));
            errors.AddRange(debit.Errors.Select(e => e.At($"{where}, column debit")));
            errors.AddRange(credit.Errors.Select(e => e.At($"{where}, column credit")));
            var account = row.Get("account");
            if (account.Length == 0)
            {
                errors.Add(new LedgerError("csv.account_missing", "column account is empty", $"{where}, column account"));
            }

            var counterparty = row.Get("counterparty");
            lines.Add(new VoucherLineDraft(
                account,
                row.Get("summary"),
                debit.Succeeded ? debit.Value : Money.Zero,
                credit.Succeeded ? credit.Value : Money.Zero,
                counterparty.Length == 0 ? null : counterparty));
        }

        public SourcedDraft ToDraft()
        {
            var location = CsvRow.Span(sheet, firstLine, lastLine);
            if (errors.Count > 0 || date is null)
            {
                return new SourcedDraft(null, location, errors.Count > 0 ? errors : [new LedgerError("date.invalid", "the voucher has no date")]);
            }

            return SourcedDraft.Of(new VoucherDraft(Key, date.Value, lines, resolution, attachments, preparer), location, fileLines, sheet);
        }

        private string? Agree(string column, string? current, string value, string where)
        {
            if (value.Length == 0)
            {
                return current;
            }

            if (current is not null && current != value)
            {
                errors.Add(new LedgerError("voucher.fields_differ",
                    $"{column} '{value}' differs from '{current}' on an earlier line of the same voucher", $"{where}, column {column}"));
                return current;
            }

            return value;
        }
    }
}
