namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>Waits for a condition (never for a fixed time); fails with a message when it does not come true in time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 30) =>
        await TrueAsync(() => Task.FromResult(condition()), what, seconds);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {seconds} s waiting until {what}");
            await Task.Delay(25);
        }
    }
}
