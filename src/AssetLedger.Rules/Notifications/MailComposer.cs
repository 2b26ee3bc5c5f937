using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AssetLedger.Core.Common;
using AssetLedger.Rules.Alerts;
using Fluid;
using MimeKit;

namespace AssetLedger.Rules.Notifications;

/// <summary>
/// Turns an <see cref="OutgoingMail"/> and the alerts it carries into a MIME message: a Chinese subject, an HTML body
/// with a plain-text alternative (Liquid templates under <c>Templates/</c>, rendered by Fluid; the HTML encoder
/// escapes everything the alerts contain), grouped by village and rule, with links into the web app and the
/// alerts attached as an .xlsx. Its Message-Id is the one stored with the mail, so a resend is the same message.
/// </summary>
public sealed class MailComposer(MailSettings settings)
{
    private static readonly FluidParser Parser = new();
    private static readonly IFluidTemplate Html = Parse("alerts.html.liquid");
    private static readonly IFluidTemplate Text = Parse("alerts.txt.liquid");
    private static readonly TemplateOptions Options = CreateOptions();

    // Escapes markup (< > & " ') but leaves Chinese readable instead of numeric entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The subject a mail is stored with, in Chinese.</summary>
    public static string SubjectFor(MailKind kind, IReadOnlyList<AlertRow> rows, DateOnly day)
    {
        if (kind == MailKind.Test)
        {
            return "【三资监管平台】测试邮件";
        }

        if (kind == MailKind.Immediate)
        {
            return rows.Count == 1
                ? $"【紧急预警】{rows[0].OrgName} {rows[0].RuleName} {Money.FromFen(rows[0].Alert.Amount)}元"
                : $"【紧急预警】{rows.Count}条紧急预警，涉及{rows.Select(r => r.OrgName).Distinct().Count()}个村";
        }

        var serious = rows.Where(r => r.Alert.Severity >= Severity.Serious).GroupBy(r => r.Alert.Severity).OrderByDescending(g => g.Key)
            .Select(g => $"{SeverityNames.Chinese(g.Key)}{g.Count()}").ToList();
        return $"【三资预警】{day.Year}年{day.Month}月{day.Day}日 预警汇总：{rows.Count}条" + (serious.Count > 0 ? $"（{string.Join("、", serious)}）" : string.Empty);
    }

    public MimeMessage Build(OutgoingMail mail, IReadOnlyList<AlertRow> rows, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId, Date = now };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(mail.ToName ?? string.Empty, mail.To));
        var china = now.ToOffset(LedgerClock.ChinaOffset);
        var madeAt = china.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var body = new BodyBuilder();
        if (mail.Kind == MailKind.Test)
        {
            body.TextBody = $"这是一封测试邮件：三资监管平台可以通过 {settings.Describe()} 向 {mail.To} 发送预警邮件。\n\n发送时间：{madeAt}";
        }
        else
        {
            var model = Model(mail, rows, madeAt, $"预警清单-{china:yyyyMMdd}.xlsx");
            body.HtmlBody = Html.Render(new TemplateContext(model, Options), Encoder);
            body.TextBody = Text.Render(new TemplateContext(model, Options), NullEncoder.Default);
            body.Attachments.Add(model.AttachmentName, AlertWorkbook.Build(mail.Subject, madeAt, rows), ContentType.Parse(WorkbookContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A new Message-Id, in the domain of the sender's address.</summary>
    public string NewMessageId()
    {
        var address = MailboxAddress.Parse(settings.From).Address;
        return $"{Guid.NewGuid():N}.alerts@{address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..]}";
    }

    private MailModel Model(OutgoingMail mail, IReadOnlyList<AlertRow> rows, string madeAt, string attachment)
    {
        var baseUrl = settings.PublicUrl.TrimEnd('/');
        var villages = rows.GroupBy(r => (r.OrgCode, r.OrgName)).OrderBy(g => g.Key.OrgCode, StringComparer.Ordinal)
            .Select(v => new VillageModel(v.Key.OrgName, v.Key.OrgCode, v.GroupBy(r => (r.Alert.RuleId, r.RuleName)).OrderBy(g => g.Key.RuleId, StringComparer.Ordinal)
                .Select(g => new RuleModel(g.Key.RuleId, g.Key.RuleName, g.OrderByDescending(r => r.Alert.Severity).ThenBy(r => r.Alert.Id).Select(r => new AlertModel(
                    r.Alert.Id, SeverityNames.Chinese(r.Alert.Severity), Color(r.Alert.Severity), Money.FromFen(r.Alert.Amount).ToString(),
                    r.Alert.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Alert.Explanation, r.Link)).ToList())).ToList())).ToList();
        var lead = mail.Kind == MailKind.Immediate
            ? $"以下{rows.Count}条预警为紧急级别，请立即核实处理。"
            : $"以下是您订阅范围内新增的{rows.Count}条预警，按村和规则分组。";
        return new MailModel(mail.Subject, mail.ToName, lead, villages, attachment, $"{baseUrl}/alerts", madeAt);
    }

    private static string Color(Severity s) => s switch
    {
        Severity.Critical => "#b00020",
        Severity.Serious => "#d35400",
        Severity.Warning => "#b7950b",
        _ => "#555555",
    };

    private static IFluidTemplate Parse(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"AssetLedger.Rules.Notifications.Templates.{name}")
            ?? throw new InvalidOperationException($"the mail template {name} is not embedded");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"the mail template {name} does not parse: {error}");
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.Register<MailModel>();
        options.MemberAccessStrategy.Register<VillageModel>();
        options.MemberAccessStrategy.Register<RuleModel>();
        options.MemberAccessStrategy.Register<AlertModel>();
        return options;
    }

    private sealed record MailModel(string Subject, string? RecipientName, string Lead, List<VillageModel> Villages, string AttachmentName, string InboxLink, string GeneratedAt);

    private sealed record VillageModel(string Name, string Code, List<RuleModel> Rules);

    private sealed record RuleModel(string Id, string Name, List<AlertModel> Alerts);

    private sealed record AlertModel(long Id, string Severity, string Color, string Amount, string Date, string Explanation, string Link);
}
