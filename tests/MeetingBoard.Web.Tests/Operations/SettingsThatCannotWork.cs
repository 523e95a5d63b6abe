using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Operations;

/// <summary>A setting that cannot work stops the app at start with a sentence naming it and saying what to use.</summary>
public sealed class SettingsThatCannotWork
{
    [Theory]
    [InlineData("MeetingBoard:UnloadIdleMeetingsAfterMinutes", "-1", "MeetingBoard:UnloadIdleMeetingsAfterMinutes is -1: use 0 to keep meetings loaded, or a number of minutes above 0.")]
    [InlineData("MeetingBoard:SetupLinkHours", "0", "MeetingBoard:SetupLinkHours is 0: the setup link must work for some time; use a number of hours above 0 (the default is 24).")]
    [InlineData("MeetingBoard:Metrics:Token", "short", "MeetingBoard:Metrics:Token is too short to be a secret: use at least 16 characters (32 random ones are better).")]
    [InlineData("MeetingBoard:Metrics:Port", "70000", "MeetingBoard:Metrics:Port is 70000: it must be a port number from 1 to 65535.")]
    public void AreRefusedInPlainEnglish(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [setting] = value };
        if (setting.StartsWith("MeetingBoard:Metrics:", StringComparison.Ordinal)) settings["MeetingBoard:Metrics:Enabled"] = "true";
        var e = Assert.ThrowsAny<Exception>(() => TestApp.Start(settings));
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        Assert.Contains(messages, m => m.Contains(message, StringComparison.Ordinal));
    }
}
