using System.Runtime.CompilerServices;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// Compares output exactly with a reviewed file in golden/. To accept a deliberate change, run the
/// tests with MEETINGBOARD_UPDATE_GOLDEN=1, then read the diff before committing it.
/// </summary>
public static class Golden
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "golden", name);
        if (Environment.GetEnvironmentVariable("MEETINGBOARD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {path}: run with MEETINGBOARD_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
