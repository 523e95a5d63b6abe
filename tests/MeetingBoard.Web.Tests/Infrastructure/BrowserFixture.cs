using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>One real Chromium (Debian's) for all browser tests; each person gets a context of their own.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    // Every person's context, closed when their test ends (CloseContextsAfterEachTest): a live page holds a
    // circuit and a renderer process, and a suite's worth of them left open exhausted a CI machine's memory.
    static readonly ConcurrentQueue<IBrowserContext> Open = new();

    public async Task InitializeAsync()
    {
        // Limits on waiting, not timing targets: generous, so a busy CI machine is not a failure.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    Task<IBrowser> LaunchAsync() =>
        playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("MEETINGBOARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });

    /// <summary>Closes the contexts of the test that has just ended.</summary>
    public static async Task CloseOpenContextsAsync()
    {
        while (Open.TryDequeue(out var context))
        {
            try { await context.CloseAsync(); }
            catch (PlaywrightException) { } // already gone with its browser
        }
    }

    /// <summary>A new person at a new device: own cookies, own viewport (a phone by default is 360 wide).</summary>
    public Task<IPage> NewPageAsync(TestApp app, int width = 1280, int height = 900) => NewPageAsync(app.BaseAddress, width, height);

    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 900)
    {
        // One crashed browser must not fail every test after it: start another (the crash still fails its own test).
        if (!Browser.IsConnected) Browser = await LaunchAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        Open.Enqueue(context);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        // Confirmation prompts (close the meeting, remove someone) are answered yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>A facilitator's page, signed in through the form.</summary>
    public async Task<IPage> SignedInAsync(TestApp app, string email, string password, int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(app, width, height);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
[CloseContextsAfterEachTest]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>xUnit runs this around every test of the browser collection (it reads the collection definition's attributes).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CloseContextsAfterEachTestAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest) => BrowserFixture.CloseOpenContextsAsync().GetAwaiter().GetResult();
}
