using MimeKit;

namespace AssetLedger.Host.Tests.CommandLine;

/// <summary>The mail verbs as the issue spells them: <c>subscriber add|list</c>, <c>notify send|list|test</c>.</summary>
public sealed class NotifyCommandLineTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private async Task LargePaymentAlertAsync()
    {
        await cli.CountyWithVillageAsync();
        await cli.PayAsync("33010101", "2024-03-05", 60_000);
        await cli.OkAsync("rules", "run");
    }

    [Fact]
    public async Task Without_a_mail_server_notify_send_writes_the_digest_into_the_pickup_folder_beside_the_database()
    {
        await LargePaymentAlertAsync();
        var added = await cli.OkAsync("subscriber", "add", "wang.wu@nongjing.example.cn", "--scope", "330101", "--name", "王五", "--rules", "LARGE_TXN,SPLIT_PAYMENT", "--min-severity", "warning");
        var subscribers = await cli.OkAsync("subscriber", "list");
        await cli.OkAsync("rules", "run", "--full");
        var waiting = await cli.OkAsync("notify", "list");

        var send = await cli.OkAsync("notify", "send");
        var list = await cli.OkAsync("notify", "list");

        added.Should().Contain("subscribed wang.wu@nongjing.example.cn to 330101: LARGE_TXN,SPLIT_PAYMENT, from warning");
        subscribers.Should().Contain("王五").And.Contain("330101 城关镇");
        waiting.Should().Contain("0 notifications wait", "the alert was raised before the subscription; a full re-run raises nothing new");
        send.Should().Contain("0 mails composed");
        list.Should().Contain("0 notifications wait");

        await cli.PayAsync("33010101", "2024-03-07", 7_000);
        await cli.OkAsync("rules", "run");
        var sent = await cli.OkAsync("notify", "send");
        var after = await cli.OkAsync("notify", "list");

        sent.Should().Contain("1 mails composed; 1 sent to the pickup folder");
        after.Should().Contain("digest").And.Contain("sent").And.Contain("预警汇总：1条");
        var eml = Directory.GetFiles(Path.Combine(cli.Folder, "mail-pickup"), "*.eml").Should().ContainSingle().Which;
        (await MimeMessage.LoadAsync(eml)).TextBody.Should().Contain("7,000.00元").And.Contain("东风村");
    }

    [Fact]
    public async Task Notify_test_reaches_a_configured_server_and_a_server_that_is_down_is_reported_without_the_password()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        cli.Settings["Smtp:Host"] = "127.0.0.1";
        cli.Settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        cli.Settings["Smtp:User"] = "sanzi";
        cli.Settings["Smtp:Password"] = "s3cret-Pa55";

        var ok = await cli.OkAsync("notify", "test", "--to", "li.si@example.cn");
        await smtp.StopAsync();
        var down = await cli.RunAsync("notify", "test", "--to", "li.si@example.cn");
        var list = await cli.OkAsync("notify", "list");

        ok.Should().Contain($"test mail sent to li.si@example.cn via smtp://127.0.0.1:{smtp.Port} (None)");
        smtp.Messages.Should().ContainSingle().Which.Should().Match<LoopbackSmtpServer.Received>(m => m.User == "sanzi" && m.Message.Subject == "【三资监管平台】测试邮件");
        down.ExitCode.Should().Be(1);
        down.Error.Should().Contain("was not sent").And.Contain("could not reach the mail server");
        (down.Output + down.Error + list).Should().NotContain("s3cret-Pa55");
        list.Should().Contain("test").And.Contain("pending");
    }

    [Fact]
    public async Task A_server_that_offers_no_login_while_a_user_is_set_is_a_delivery_failure_shown_and_retried_later()
    {
        await LargePaymentAlertAsync();
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.OffersAuthentication = false;
        cli.Settings["Smtp:Host"] = "127.0.0.1";
        cli.Settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        cli.Settings["Smtp:User"] = "sanzi";
        cli.Settings["Smtp:Password"] = "s3cret-Pa55";
        await cli.OkAsync("subscriber", "add", "wang.wu@nongjing.example.cn", "--scope", "330101", "--min-severity", "info");
        await cli.PayAsync("33010101", "2024-03-07", 7_000);
        await cli.OkAsync("rules", "run");

        var send = await cli.RunAsync("notify", "send");
        var list = await cli.OkAsync("notify", "list");
        var again = await cli.RunAsync("notify", "send");

        send.ExitCode.Should().NotBe(70, "a mail server that cannot take a login is a delivery failure, not a crash");
        (send.Output + send.Error).Should().Contain("offers no authentication");
        list.Should().Contain("pending").And.Contain("offers no authentication", "the mail keeps the reason it is not sent");
        again.Output.Should().NotContain("offers no authentication", "the next try waits for its backoff, so a run at once finds nothing due");
        smtp.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_input_and_bad_mail_settings_are_named_and_nothing_is_written()
    {
        await cli.CountyWithVillageAsync();

        var subscriber = await cli.RunAsync("subscriber", "add", "王五", "--scope", "9999", "--rules", "NOPE", "--min-severity", "loud");
        var to = await cli.RunAsync("notify", "test", "--to", "nobody");
        cli.Settings["Smtp:Port"] = "smtp";
        cli.Settings["Smtp:Security"] = "Tls13";
        var config = await cli.RunAsync("notify", "send");
        cli.Settings.Clear();
        var list = await cli.OkAsync("subscriber", "list");

        subscriber.ExitCode.Should().Be(1);
        subscriber.Error.Should().Contain("'王五' is not an e-mail address").And.Contain("NOPE").And.Contain("'loud'").And.Contain("'9999'");
        to.Error.Should().Contain("'nobody' is not an e-mail address");
        config.ExitCode.Should().Be(1);
        config.Error.Should().Contain("Smtp:Port 'smtp' is not a port number").And.Contain("Smtp:Security 'Tls13' is not one of None, StartTls, SslOnConnect");
        list.Should().NotContain("王五");
    }

    [Theory]
    [InlineData("subscriber", "add")]
    [InlineData("subscriber", "list")]
    [InlineData("notify", "send")]
    [InlineData("notify", "list")]
    [InlineData("notify", "test")]
    public async Task Every_mail_verb_has_help(string noun, string verb) =>
        (await cli.RunAsync(noun, verb, "--help")).Output.Should().Contain("Usage:");
}
