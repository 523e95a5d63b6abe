using Microsoft.Playwright;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>Full-page screenshots for review, only when MEETINGBOARD_SCREENSHOTS names a folder (docs/screenshots holds the reviewed set).</summary>
public static class Screenshots
{
    static readonly string? Folder = Environment.GetEnvironmentVariable("MEETINGBOARD_SCREENSHOTS");

    public static async Task TakeAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(Folder)) return;
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
