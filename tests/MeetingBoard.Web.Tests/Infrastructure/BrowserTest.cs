namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>A browser test: in the collection that shares one Chromium, with a fresh app for each test.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest : IAsyncLifetime
{
    protected TestApp app = default!;

    public virtual Task InitializeAsync()
    {
        app = TestApp.Start();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await app.DisposeAsync();
}
