using AssetLedger.Rules.Alerts;
using AssetLedger.Rules.Notifications;
using ClosedXML.Excel;
using MimeKit;
using static AssetLedger.Testing.TestLedger;

namespace AssetLedger.Rules.Tests;

/// <summary>Alert e-mails, end to end: rules raise alerts, the outbox fills, a real SMTP server on loopback receives.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string Supervisor = "wang.wu@nongjing.example.cn";
    private const string VillageContact = "li.si@v2.example.cn";
    private LoopbackSmtpServer smtp = null!;
    private TestLedger ledger = null!;

    public async Task InitializeAsync()
    {
        smtp = LoopbackSmtpServer.Start();
        ledger = await LedgerSendingTo(smtp.Port);
    }

    public async Task DisposeAsync()
    {
        await ledger.DisposeAsync();
        await smtp.DisposeAsync();
    }

    /// <summary>Villages V1 and V2 under township T1, their mail going to the SMTP server on <paramref name="port"/> or into <paramref name="pickup"/>.</summary>
    private static async Task<TestLedger> LedgerSendingTo(int port, string? pickup = null)
    {
        var ledger = await RulesTestLedger.CreateAsync(mail: new MailSettings
        {
            Host = pickup is null ? "127.0.0.1" : null, Port = port, From = "三资监管平台 <noreply@sanzi.example.cn>",
            PickupDirectory = pickup ?? Path.GetTempPath(), PublicUrl = "https://sanzi.example.cn", Timeout = TimeSpan.FromSeconds(10),
        });
        await ledger.VillageAsync("V2");
        return ledger;
    }

    private Task<Outcome<Subscriber>> SubscribeAsync(string email, string scope, string? name = null, string[]? rules = null, string? minSeverity = null) =>
        ledger.RunAsync<SubscriberService, Outcome<Subscriber>>(s => s.AddAsync(email, scope, name, rules, minSeverity));

    private Task<SendReport> SendAsync(bool digests = true) => ledger.RunAsync<NotificationService, SendReport>(s => s.SendAsync(digests));

    private Task<IReadOnlyList<OutgoingMail>> MailsAsync() =>
        ledger.RunAsync<NotificationService, IReadOnlyList<OutgoingMail>>(async s => (await s.StatusAsync()).Mails);

    /// <summary>V1 pays 8,000 without a resolution (关注); V2 pays 60,000 without one (紧急).</summary>
    private async Task TwoLargePaymentsAsync()
    {
        await ledger.PostAsync("V1", "2024-03-05", Dr("513", 8_000), Cr("102", 8_000));
        await ledger.PostAsync("V2", "2024-03-06", Dr("511", 60_000), Cr("102", 60_000));
        await ledger.RunRulesAsync(evaluation: Rules.Engine.Evaluation.NewEntries);
    }

    [Fact]
    public async Task Each_address_gets_one_Chinese_digest_of_its_scope_grouped_by_village_with_the_alerts_as_a_workbook()
    {
        (await SubscribeAsync(Supervisor, "T1", "王五")).ShouldSucceed();
        (await SubscribeAsync(VillageContact, "V2", minSeverity: "严重")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var report = await SendAsync();
        var again = await SendAsync();

        report.Should().Match<SendReport>(r => r.Composed == 2 && r.Sent == 2 && r.Failed == 0 && r.Deferred == 0);
        again.Should().Match<SendReport>(r => r.Composed == 0 && r.Sent == 0, "everything went out once");
        smtp.Messages.Should().HaveCount(2);
        smtp.Sessions.Should().Be(1, "one connection for the batch");
        var digest = smtp.Messages.Single(m => m.Recipients.Single() == Supervisor).Message;
        digest.Subject.Should().Be("【三资预警】2026年1月15日 预警汇总：2条（紧急1）");
        System.Text.Encoding.ASCII.GetString(digest.Headers.First(h => h.Id == HeaderId.Subject).RawValue).Should()
            .Contain("=?utf-8?", "a Chinese subject travels encoded (RFC 2047) and decodes back");
        digest.To.Mailboxes.Single().Should().Match<MailboxAddress>(a => a.Name == "王五" && a.Address == Supervisor);
        digest.HtmlBody.Should().Contain("王五，您好").And.Contain("V1村").And.Contain("V2村").And.Contain("大额收支")
            .And.Contain("https://sanzi.example.cn/alerts/");
        digest.TextBody.Should().Contain("== V2村（V2）==").And.Contain("60,000.00元");
        var attachment = digest.Attachments.OfType<MimePart>().Single();
        attachment.FileName.Should().Be("预警清单-20260115.xlsx");
        attachment.ContentType.MimeType.Should().Be(MailComposer.WorkbookContentType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var workbook = new XLWorkbook(content);
        var sheet = workbook.Worksheet("预警清单");
        sheet.Cell(3, 8).GetString().Should().Be("金额（元）");
        new[] { sheet.Cell(4, 8), sheet.Cell(5, 8) }.Select(c => c.GetDouble()).Should().BeEquivalentTo([8_000d, 60_000d]);
        sheet.Cell(4, 8).DataType.Should().Be(XLDataType.Number);
        sheet.Cell(4, 9).DataType.Should().Be(XLDataType.DateTime);

        var village = smtp.Messages.Single(m => m.Recipients.Single() == VillageContact).Message;
        village.TextBody.Should().Contain("60,000.00").And.NotContain("8,000.00", "the village contact asked for serious alerts and above, of V2 only");
    }

    [Fact]
    public async Task A_critical_alert_goes_out_at_once_and_the_rest_wait_for_the_digest()
    {
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var immediate = await SendAsync(digests: false);
        var later = await SendAsync(digests: true);

        immediate.Sent.Should().Be(1);
        later.Sent.Should().Be(1);
        smtp.Messages.Select(m => m.Message.Subject).Should().Equal(
            "【紧急预警】V2村 大额收支 60,000.00元",
            "【三资预警】2026年1月15日 预警汇总：1条");
        smtp.Messages[1].Message.TextBody.Should().Contain("8,000.00").And.NotContain("60,000.00");
    }

    [Fact]
    public async Task A_server_that_is_down_defers_the_mail_with_backoff_and_it_is_delivered_once_when_the_server_is_back()
    {
        var port = LoopbackSmtpServer.FreePort();
        await ledger.DisposeAsync();
        ledger = await LedgerSendingTo(port);
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var first = await SendAsync();
        var tooSoon = await SendAsync();
        ledger.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await SendAsync();
        var afterSecond = (await MailsAsync()).Single();
        var twoMinutesOn = ledger.Clock.GetUtcNow().UtcDateTime.AddMinutes(2);
        await using var back = LoopbackSmtpServer.Start(port);
        ledger.Clock.Advance(TimeSpan.FromMinutes(2));
        var third = await SendAsync();
        ledger.Clock.Advance(TimeSpan.FromHours(1));
        var fourth = await SendAsync();

        first.Should().Match<SendReport>(r => r.Composed == 1 && r.Deferred == 1 && r.Problem!.Contains("could not reach the mail server"));
        tooSoon.Should().Match<SendReport>(r => r.Deferred == 0 && r.Sent == 0, "the next try is a minute later");
        second.Deferred.Should().Be(1);
        afterSecond.Should().Match<OutgoingMail>(m => m.Attempts == 2 && m.State == MailState.Pending
            && m.NextAttemptAtUtc == twoMinutesOn, "1, then 2 minutes");
        third.Sent.Should().Be(1);
        fourth.Sent.Should().Be(0);
        back.Messages.Should().ContainSingle().Which.Message.Subject.Should().Contain("预警汇总：2条");
    }

    [Fact]
    public async Task A_mail_that_cannot_be_delivered_after_ten_tries_fails_and_says_why()
    {
        await ledger.DisposeAsync();
        ledger = await LedgerSendingTo(LoopbackSmtpServer.FreePort());
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        for (var i = 0; i < NotificationService.MaxAttempts; i++)
        {
            await SendAsync();
            ledger.Clock.Advance(TimeSpan.FromHours(6));
        }

        var more = await SendAsync();

        (await MailsAsync()).Single().Should().Match<OutgoingMail>(m =>
            m.State == MailState.Failed && m.Attempts == NotificationService.MaxAttempts && m.LastError!.StartsWith("gave up after 10 tries"));
        more.Should().Match<SendReport>(r => r.Deferred == 0 && r.Failed == 0, "a failed mail is not tried again");
    }

    [Fact]
    public async Task A_refused_address_fails_for_good_and_the_others_are_still_delivered()
    {
        smtp.Refused.Add("nobody@v1.example.cn");
        (await SubscribeAsync("nobody@v1.example.cn", "V1")).ShouldSucceed();
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var report = await SendAsync();
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        var again = await SendAsync();

        report.Should().Match<SendReport>(r => r.Sent == 1 && r.Failed == 1);
        again.Should().Match<SendReport>(r => r.Sent == 0 && r.Failed == 0 && r.Deferred == 0, "a refused address is not tried again");
        smtp.Messages.Should().ContainSingle().Which.Recipients.Should().Equal(Supervisor);
        (await MailsAsync()).Single(m => m.To == "nobody@v1.example.cn").Should().Match<OutgoingMail>(m =>
            m.State == MailState.Failed && m.Attempts == 1 && m.LastError!.Contains("550"));
    }

    [Fact]
    public async Task A_crash_between_sending_and_committing_resends_only_that_mail_under_the_same_Message_Id()
    {
        foreach (var (email, scope) in new[] { ("a@v1.example.cn", "V1"), ("b@t1.example.cn", "T1"), ("c@t1.example.cn", "T1") })
        {
            (await SubscribeAsync(email, scope)).ShouldSucceed();
        }

        await TwoLargePaymentsAsync();
        // The crash: the database refuses to record b's mail as sent, after the server has taken it.
        await ledger.ExecuteSqlAsync(ledger.Database.Dialect(
            """
            CREATE TRIGGER crash BEFORE UPDATE OF state ON outgoing_mails
            WHEN NEW.state = 'Sent' AND NEW."to" = 'b@t1.example.cn' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;
            """,
            """
            CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                IF NEW.state = 'Sent' AND NEW."to" = 'b@t1.example.cn' THEN RAISE EXCEPTION 'simulated crash'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER crash BEFORE UPDATE OF state ON outgoing_mails FOR EACH ROW EXECUTE FUNCTION crash();
            """));

        var crashed = () => SendAsync();
        await crashed.Should().ThrowAsync<Microsoft.EntityFrameworkCore.DbUpdateException>();
        await ledger.ExecuteSqlAsync(ledger.Database.Dialect("DROP TRIGGER crash;", "DROP TRIGGER crash ON outgoing_mails;"));
        var restarted = await SendAsync();

        restarted.Sent.Should().Be(2, "b's mail again, and c's, which the crash never reached");
        var byRecipient = smtp.Messages.GroupBy(m => m.Recipients.Single()).ToDictionary(g => g.Key, g => g.Select(m => m.Message.MessageId).ToList());
        byRecipient["a@v1.example.cn"].Should().ContainSingle();
        byRecipient["c@t1.example.cn"].Should().ContainSingle();
        byRecipient["b@t1.example.cn"].Should().HaveCount(2).And.OnlyContain(id => id == byRecipient["b@t1.example.cn"][0],
            "the resend is the same message, which mail clients show once");
    }

    [Fact]
    public async Task Without_a_mail_server_the_mails_are_eml_files_in_the_pickup_folder_written_once()
    {
        var pickup = Directory.CreateTempSubdirectory("assetledger-pickup-").FullName;
        await ledger.DisposeAsync();
        ledger = await LedgerSendingTo(0, pickup);
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var report = await SendAsync();
        var again = await SendAsync();

        report.Sent.Should().Be(1);
        again.Sent.Should().Be(0);
        var file = Directory.GetFiles(pickup).Should().ContainSingle().Which;
        file.Should().EndWith(".eml");
        (await MimeMessage.LoadAsync(file)).Subject.Should().Be("【三资预警】2026年1月15日 预警汇总：2条（紧急1）");
    }

    [Fact]
    public async Task A_pickup_folder_that_cannot_be_written_defers_the_mail_and_says_why()
    {
        var blocker = Path.Combine(Directory.CreateTempSubdirectory("assetledger-pickup-").FullName, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be");
        await ledger.DisposeAsync();
        ledger = await LedgerSendingTo(0, Path.Combine(blocker, "mail"));
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await TwoLargePaymentsAsync();

        var report = await SendAsync();

        report.Should().Match<SendReport>(r => r.Sent == 0 && r.Deferred == 1 && r.Problem!.Contains("stopped"));
        (await MailsAsync()).Single().Should().Match<OutgoingMail>(m => m.State == MailState.Pending && m.Attempts == 1);
    }

    [Fact]
    public async Task What_people_typed_reaches_the_HTML_body_escaped()
    {
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        await ledger.PostAsync("V1", "2024-03-05", Dr("112", 3_000, "<script>alert(1)</script>"), Cr("102", 3_000));
        await ledger.RunRulesAsync(evaluation: Rules.Engine.Evaluation.NewEntries);

        await SendAsync();

        var message = smtp.Messages.Single().Message;
        message.HtmlBody.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        message.TextBody.Should().Contain("<script>alert(1)</script>", "plain text is not markup");
    }

    [Fact]
    public async Task A_subscription_names_every_problem_and_writes_nothing_and_adding_it_again_changes_its_filters()
    {
        var bad = await SubscribeAsync("not an address", "9999", rules: ["NOPE"], minSeverity: "loud");
        (await SubscribeAsync(Supervisor, "T1")).ShouldSucceed();
        (await SubscribeAsync(Supervisor.ToUpperInvariant(), "T1", rules: ["LARGE_TXN"], minSeverity: "serious")).ShouldSucceed();

        bad.Errors.Select(e => e.Message).Should().Contain(m => m.Contains("'not an address' is not an e-mail address"))
            .And.Contain(m => m.Contains("NOPE")).And.Contain(m => m.Contains("'loud'")).And.Contain(m => m.Contains("'9999'"));
        var all = await ledger.RunAsync<SubscriberService, IReadOnlyList<SubscriberView>>(s => s.ListAsync());
        all.Should().ContainSingle().Which.Subscriber.Should().Match<Subscriber>(s =>
            s.Email == Supervisor && s.Rules == "LARGE_TXN" && s.MinSeverity == Severity.Serious);
    }
}

public class AlertWorkbookTests
{
    [Fact]
    public void Typed_text_stays_text_amounts_are_numbers_and_dates_are_dates()
    {
        var alert = new Alert
        {
            Id = 7, BookId = 1, RuleId = "LOAN_OUT", Severity = Severity.Serious, SubjectKey = "voucher:1", Window = string.Empty, Amount = 1_234_56,
            OccurredOn = new DateOnly(2024, 3, 5), Parameters = "{}", Evidence = "{}", Explanation = "=HYPERLINK(\"http://evil.example\",\"点我\")", State = AlertState.Open,
        };

        var bytes = AlertWorkbook.Build("预警清单", "2026-01-15 09:00", [new AlertRow(alert, "0001", "+1-1村", "对外出借资金", "https://x/alerts/7")]);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        sheet.Cell(4, 10).HasFormula.Should().BeFalse();
        sheet.Cell(4, 10).GetString().Should().Be("=HYPERLINK(\"http://evil.example\",\"点我\")");
        sheet.Cell(4, 3).HasFormula.Should().BeFalse();
        sheet.Cell(4, 3).GetString().Should().Be("+1-1村");
        sheet.Cell(4, 2).GetString().Should().Be("0001", "codes keep their leading zeros");
        sheet.Cell(4, 8).GetDouble().Should().Be(1234.56);
        sheet.Cell(4, 8).Style.NumberFormat.Format.Should().Be("#,##0.00");
        sheet.Cell(4, 9).GetDateTime().Should().Be(new DateTime(2024, 3, 5));
        sheet.SheetView.SplitRow.Should().Be(3, "the header rows stay in view");
        sheet.PageSetup.PageOrientation.Should().Be(XLPageOrientation.Landscape);
    }
}
