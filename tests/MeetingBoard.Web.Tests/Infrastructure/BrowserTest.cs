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

    public virtual async Task DisposeAsync()
    {
        // MB_DUMP_LOGS=/some/dir writes each browser test's app log there, to read after a failure.
        if (Environment.GetEnvironmentVariable("MB_DUMP_LOGS") is { Length: > 0 } dir)
            File.WriteAllLines(Path.Combine(dir, GetType().Name + ".log"), app.Logs.Lines.Where(l => !l.StartsWith("Trace") && !l.StartsWith("Debug Microsoft.AspNetCore.Routing")));
        await app.DisposeAsync();
    }
}
