using AssetLedger.Host.Tests.Web;
using Microsoft.Playwright;

namespace AssetLedger.Host.Tests.Browser;

/// <summary>
/// The pages in a real browser: Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>ASSETLEDGER_CHROMIUM</c>) driven by
/// Playwright against a <see cref="LiveServer"/>. Without Chromium the tests report themselves skipped, with the reason —
/// unless <c>ASSETLEDGER_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>), which makes its absence a failure. Each test
/// saves a screenshot of every page it visits under <c>TestResults/screenshots</c>.
/// </summary>
[Collection(BrowserTestsRunAlone.Name)]
public abstract class BrowserTestBase : LiveServer
{
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("ASSETLEDGER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly List<string> policyViolations = [];
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected static string Screenshots { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--lang=zh-CN"] });
    }

    public override async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();

        // Whatever a page tried that its Content-Security-Policy refused (an inline script, a handler in an attribute) fails the test that showed it.
        policyViolations.Should().BeEmpty("every page's scripts come from files, as the policy requires");
    }

    /// <summary>Skips the test without Chromium (with the reason), or fails it when CI requires the browser.</summary>
    protected static void RequireBrowser()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("ASSETLEDGER_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException($"Chromium is required here (ASSETLEDGER_REQUIRE_BROWSER=1) but {ChromiumPath} does not exist: apt-get install chromium");
        }

        Skip.IfNot(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath} (apt-get install chromium fonts-wqy-microhei); .ci/run installs it");
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the user, on the home page.</summary>
    protected async Task<IPage> SignedInAsync(string user)
    {
        var context = await browser!.NewContextAsync(new() { BaseURL = Server.ToString(), Locale = "zh-CN", AcceptDownloads = true, ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (policyViolations)
                {
                    policyViolations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        await page.GotoAsync("/signin");
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", "Passw0rdOK");
        await page.ClickAsync("button[type=submit]");

        // Polls the address rather than waiting for a load event, which can pass before a wait for it begins.
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(Server, "/").ToString());
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("您好");
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{user} did not get past the sign-in page ({page.Url}): {await page.TextContentAsync("main")}", e);
        }

        return page;
    }

    /// <summary>Saves the page as it looks now: <c>TestResults/screenshots/{test}-{step}.png</c>.</summary>
    /// <summary>The page as it stands, at a desktop's width (1366 px) and a phone's (390 px): <c>{test}-{step}-1366.png</c>, <c>…-390.png</c>.</summary>
    protected static async Task ShotAsync(IPage page, string test, string step)
    {
        Directory.CreateDirectory(Screenshots);
        foreach (var (width, height) in new[] { (390, 844), (1366, 768) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{test}-{step}-{width}.png"), FullPage = true });
        }
    }
}

/// <summary>
/// The browser tests run by themselves, after the rest of the assembly's tests: a browser, a server and the tests'
/// command lines sharing two cores with every other test class made their waits time out now and then.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestsRunAlone
{
    public const string Name = "browser";
}

