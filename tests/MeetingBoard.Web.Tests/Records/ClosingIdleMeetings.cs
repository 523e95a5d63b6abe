using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// A meeting nobody closes would never reach its purge date: the retention sweep closes meetings
/// idle past MeetingBoard:CloseIdleMeetingsAfterHours, on their facilitator's behalf, and says so.
/// </summary>
public sealed class ClosingIdleMeetings
{
    /// <summary>A meeting of the scenario's facilitator whose only event is <paramref name="hoursAgo"/> old.</summary>
    static async Task<string> QuietMeetingAsync(MeetingScenario meeting, int hoursAgo)
    {
        var account = (await meeting.App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(meeting.Account.Email))!;
        var id = MeetingHosts.NewId();
        var outcome = await meeting.App.Services.GetRequiredService<MeetingHosts>().CreateAsync(code => new CreateMeeting(
            id, "GroupSupervision", "Forgotten supervision", null, account.Name, code, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            Actor.Facilitator(account.Id), DateTimeOffset.UtcNow.AddHours(-hoursAgo)), null);
        Assert.True(outcome.Succeeded);
        return id;
    }

    static async Task<MeetingState> StateAsync(MeetingScenario meeting, string id) =>
        await (await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(id))!.CatchUpAsync();

    [Fact]
    public async Task A_meeting_idle_past_the_setting_is_closed_and_its_facilitator_is_told()
    {
        await using var meeting = await MeetingScenario.StartAsync(TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:CloseIdleMeetingsAfterHours"] = "48",
        }));
        var forgotten = await QuietMeetingAsync(meeting, hoursAgo: 50);
        var recent = await QuietMeetingAsync(meeting, hoursAgo: 40);
        var sweep = meeting.App.Services.GetRequiredService<RetentionSweep>();

        Assert.Equal(0, await sweep.SweepAsync()); // it closes; nothing is old enough to purge
        var closed = await StateAsync(meeting, forgotten);
        Assert.True(closed.IsClosed);
        Assert.Equal(48, closed.ClosedIdleHours);
        Assert.True(DateTimeOffset.UtcNow - closed.ClosedAt!.Value < TimeSpan.FromMinutes(5), "the retention clock starts at the sweep");
        Assert.False((await StateAsync(meeting, recent)).IsClosed);
        Assert.False((await StateAsync(meeting, meeting.MeetingId)).IsClosed);
        // Closed once: the next sweep finds nothing more to do.
        Assert.Equal(0, await sweep.CloseIdleAsync());

        // The facilitator sees why: in their meetings list, the record and the audit trail.
        var (_, list, _) = await meeting.Facilitator.GetAsync("/meetings");
        var item = list.QuerySelectorAll(".mb-meeting-list li").Single(li => li.QuerySelector($"a[href='/m/{forgotten}']") is not null);
        Assert.Contains("closed automatically after 48 hours with no change", item.TextContent);
        Assert.Contains("will be deleted on", item.TextContent);
        var text = await (await meeting.Facilitator.GetAsync($"/m/{forgotten}/record.txt")).Response.Content.ReadAsStringAsync();
        Assert.Contains("The meeting was closed automatically after 48 hours with no change.", text);
        var (_, audit, _) = await meeting.Facilitator.GetAsync($"/m/{forgotten}/audit");
        Assert.Contains("Closed the meeting automatically after 48 hours with no change", audit.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task Nothing_is_closed_when_the_setting_is_zero()
    {
        await using var meeting = await MeetingScenario.StartAsync(TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:CloseIdleMeetingsAfterHours"] = "0",
        }));
        var forgotten = await QuietMeetingAsync(meeting, hoursAgo: 24 * 365);
        Assert.Equal(0, await meeting.App.Services.GetRequiredService<RetentionSweep>().CloseIdleAsync());
        Assert.False((await StateAsync(meeting, forgotten)).IsClosed);
    }

    [Fact]
    public async Task By_default_a_meeting_is_closed_after_72_idle_hours()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var at71 = await QuietMeetingAsync(meeting, hoursAgo: 71);
        var at73 = await QuietMeetingAsync(meeting, hoursAgo: 73);
        Assert.Equal(1, await meeting.App.Services.GetRequiredService<RetentionSweep>().CloseIdleAsync());
        Assert.False((await StateAsync(meeting, at71)).IsClosed);
        Assert.Equal(72, (await StateAsync(meeting, at73)).ClosedIdleHours);
    }
}
