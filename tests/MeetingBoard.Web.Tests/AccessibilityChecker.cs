using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

/// <summary>The axe check used by the browser tests really does fail on a broken page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityChecker(BrowserFixture browsers)
{
    [Fact]
    public async Task ReportsAnImageWithoutAlternativeText()
    {
        await using var app = TestApp.Start();
        var page = await browsers.NewPageAsync(app);
        await page.SetContentAsync("<!DOCTYPE html><html lang=en><head><title>t</title></head><body><main><h1>t</h1><img src='x.png'></main></body></html>");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertNoViolationsAsync(page, "a broken page"));
        Assert.Contains("image-alt", failure.Message);
    }
}
