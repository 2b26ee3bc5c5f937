using System.Net;
using System.Net.Http.Json;

namespace AssetLedger.Host.Tests.Web;

/// <summary>
/// Sessions end when they should — signing out, a lockout, a revoked grant, a new password end every session of the
/// user at once, a copied cookie included — sign-in is rate-limited per account and per address, and every response
/// carries the security headers and no Server header.
/// </summary>
public sealed class SessionTests : LiveServer
{
    /// <summary>A browser of its own, signed in as the user, and the sign-in cookie it holds (to replay from elsewhere).</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignedInAsync(string user)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        var browser = new HttpClient(handler) { BaseAddress = Server };
        (await browser.PostAsJsonAsync("/account/login", new { user, password = "Passw0rdOK" })).EnsureSuccessStatusCode();
        return (browser, handler.CookieContainer.GetCookies(Server).Single(c => c.Name == "assetledger").Value);
    }

    /// <summary>What a request carrying only that cookie gets: a copy of the session, as a thief would replay it.</summary>
    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var thief = new HttpClient { BaseAddress = Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/orgs", UriKind.Relative));
        request.Headers.Add("Cookie", $"assetledger={cookie}");
        return (await thief.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_copy_of_its_cookie_stops_working()
    {
        var (browser, cookie) = await SignedInAsync("acct-a");
        using (browser)
        {
            var before = await ReplayAsync(cookie);
            var csrf = await browser.GetFromJsonAsync<System.Text.Json.JsonElement>("/account/antiforgery");
            browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", csrf.GetProperty("token").GetString());
            (await browser.PostAsync(new Uri("/account/logout", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

            before.Should().Be(HttpStatusCode.OK);
            (await ReplayAsync(cookie)).Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_lockout_ends_the_sessions_the_account_already_has()
    {
        var (browser, cookie) = await SignedInAsync("audit");
        browser.Dispose();
        using var guesser = new HttpClient { BaseAddress = Server };

        for (var i = 0; i < 5; i++)
        {
            await guesser.PostAsJsonAsync("/account/login", new { user = "audit", password = "wrong" });
        }

        (await ReplayAsync(cookie)).Should().Be(HttpStatusCode.Unauthorized, "a locked-out user's session writes nothing more");
    }

    [Fact]
    public async Task A_revoked_grant_ends_the_users_sessions()
    {
        var (browser, cookie) = await SignedInAsync("acct-a");
        browser.Dispose();

        await Cli.OkAsync("user", "revoke", "acct-a", "--role", "accountant", "--scope", "33010101", "--reason", "调离岗位");

        (await ReplayAsync(cookie)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_password_ends_every_session_and_token_and_the_new_one_signs_in()
    {
        var (browser, cookie) = await SignedInAsync("super");
        browser.Dispose();
        using var machine = As("super");
        (await machine.GetAsync(new Uri("/api/orgs", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        Cli.Input = "N3wPassw0rd\n";
        var changed = await Cli.OkAsync("user", "password", "super");
        Cli.Input = null;

        changed.Should().Contain("every session ended and 1 API tokens revoked");
        (await ReplayAsync(cookie)).Should().Be(HttpStatusCode.Unauthorized);
        (await machine.GetAsync(new Uri("/api/orgs", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var fresh = new HttpClient { BaseAddress = Server };
        (await fresh.PostAsJsonAsync("/account/login", new { user = "super", password = "N3wPassw0rd" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_account_takes_ten_sign_in_attempts_a_minute_and_then_is_told_to_wait()
    {
        using var anywhere = new HttpClient { BaseAddress = Server };
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add((await anywhere.PostAsJsonAsync("/account/login", new { user = "nobody", password = "guess" + i })).StatusCode);
        }

        answers.Take(10).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized, "an unknown name is answered like a wrong password");
        answers[10].Should().Be(HttpStatusCode.TooManyRequests);
        (await anywhere.PostAsJsonAsync("/account/login", new { user = "acct-b", password = "Passw0rdOK" })).StatusCode.Should().Be(HttpStatusCode.OK, "the limit is the account's");
    }

    [Fact]
    public async Task One_address_takes_thirty_sign_in_attempts_a_minute_over_every_account()
    {
        using var oneMachine = new HttpClient { BaseAddress = Server };
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            answers.Add((await oneMachine.PostAsJsonAsync("/account/login", new { user = $"user{i}", password = "guess" })).StatusCode);
        }

        answers.Take(30).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        answers[30].Should().Be(HttpStatusCode.TooManyRequests);
        (await oneMachine.GetAsync(new Uri("/signin", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "showing the page is not an attempt");
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/orgs")]
    [InlineData("/assets/site.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers_and_no_server_header(string path)
    {
        using var http = As("acct-a");

        var answer = await http.GetAsync(new Uri(path, UriKind.Relative));

        answer.Headers.Should().NotContain(h => h.Key == "Server");
        var csp = answer.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self';").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-eval");
        csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Should().NotContain("unsafe-inline");
        answer.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        answer.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        answer.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        answer.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is sent over HTTPS only");
    }
}
