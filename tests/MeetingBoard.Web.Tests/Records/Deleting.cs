using System.Net;
using System.Text;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>Deleting a meeting now, and purging closed meetings after the retention period: nothing is left but a tombstone.</summary>
public sealed class Deleting
{
    const string Secret = "Maya hides under the bed when Jordan shouts";

    static async Task<(MeetingScenario Meeting, string ItemText)> FilledMeetingAsync(IDictionary<string, string?>? settings = null)
    {
        var meeting = await MeetingScenario.StartAsync(settings is null ? null : TestApp.Start(settings));
        var (sam, _) = await meeting.AdmitAsync("Sam Example", "Mother");
        await meeting.AddsItemAsync(sam, "harm", Secret);
        await meeting.AskToJoinAsync("Pat Example", "Grandmother");
        return (meeting, Secret);
    }

    static Task CloseAsync(MeetingScenario meeting) => meeting.ClosesAsync();

    [Fact]
    public async Task The_facilitator_confirms_and_the_meeting_is_gone_from_every_table_leaving_a_tombstone()
    {
        var (meeting, text) = await FilledMeetingAsync();
        await using var _ = meeting;
        var id = meeting.MeetingId;

        var (status, confirm, _) = await meeting.Facilitator.GetAsync($"/m/{id}/delete");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Are you sure", confirm.QuerySelector("h1")!.TextContent);
        var form = confirm.QuerySelector($"form[action='/m/{id}/delete']")!;
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));

        // Without the antiforgery token nothing happens.
        var forged = await meeting.Facilitator.PostAsync($"/m/{id}/delete", new Dictionary<string, string>(), withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(text, await meeting.ItemTextsAsync());

        await meeting.Facilitator.GetAsync($"/m/{id}/delete");
        var deleted = await meeting.Facilitator.PostAsync($"/m/{id}/delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/meetings", deleted.Headers.Location!.OriginalString);

        // Its links say it was deleted, and nothing else.
        foreach (var path in new[] { $"/m/{id}", $"/m/{id}/record", $"/m/{id}/record.json", $"/m/{id}/audit" })
        {
            var (gone, page, response) = await meeting.Facilitator.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, gone);
            Assert.Equal("This meeting was deleted", page.QuerySelector("h1")!.TextContent);
            Assert.DoesNotContain(text, await response.Content.ReadAsStringAsync());
        }
        var (_, list, _) = await meeting.Facilitator.GetAsync("/meetings");
        Assert.Null(list.QuerySelector($"a[href='/m/{id}']"));
        using var latecomer = new Visitor(meeting.App);
        await latecomer.GetAsync("/join");
        var join = await latecomer.PostAsync("/join", new Dictionary<string, string> { ["code"] = meeting.JoinCode });
        Assert.NotEqual(HttpStatusCode.Redirect, join.StatusCode);

        AssertNothingLeft(meeting.App, id, meeting.JoinCode, text);
    }

    [Fact]
    public async Task A_closed_meeting_is_purged_by_the_sweep_once_its_retention_period_is_over()
    {
        var (meeting, text) = await FilledMeetingAsync(new Dictionary<string, string?> { ["MeetingBoard:RetentionDays"] = "0" });
        await using var _ = meeting;
        var sweep = meeting.App.Services.GetRequiredService<RetentionSweep>();

        // Open meetings are never purged, however old.
        Assert.Equal(0, await sweep.SweepAsync());
        Assert.Contains(text, await meeting.ItemTextsAsync());

        await CloseAsync(meeting);
        Assert.Equal(1, await sweep.SweepAsync());
        var (status, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("deleted on", page.QuerySelector("main")!.TextContent);
        AssertNothingLeft(meeting.App, meeting.MeetingId, meeting.JoinCode, text);
    }

    [Fact]
    public async Task The_sweep_runs_when_the_app_starts()
    {
        var (meeting, text) = await FilledMeetingAsync(new Dictionary<string, string?>
        {
            ["MeetingBoard:RetentionDays"] = "0",
            ["MeetingBoard:RetentionSweepMinutes"] = "600",
        });
        await using var _ = meeting;
        await CloseAsync(meeting);

        // The next sweep is hours away; only the sweep at start can purge it.
        await meeting.App.RestartAsync();
        var store = meeting.App.Services.GetRequiredService<IEventStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await store.FindDeletedAsync(meeting.MeetingId) is null && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.NotNull(await store.FindDeletedAsync(meeting.MeetingId));
        AssertNothingLeft(meeting.App, meeting.MeetingId, meeting.JoinCode, text);
    }

    [Fact]
    public async Task A_closed_meeting_is_kept_until_its_purge_date_which_the_facilitator_can_see()
    {
        var (meeting, text) = await FilledMeetingAsync();
        await using var _ = meeting;
        await CloseAsync(meeting);

        Assert.Equal(0, await meeting.App.Services.GetRequiredService<RetentionSweep>().SweepAsync());
        Assert.Contains(text, await meeting.ItemTextsAsync());

        var store = meeting.App.Services.GetRequiredService<IEventStore>();
        var closedAt = (await store.ListClosedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1))).Single(m => m.MeetingId == meeting.MeetingId).ClosedAt;
        var clock = meeting.App.Services.GetRequiredService<MeetingBoard.Web.Live.MeetingClock>();
        var expected = clock.DateAndTime(closedAt.AddDays(30));

        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains($"will be deleted on {expected}", board.QuerySelector(".mb-purge-date")!.TextContent);
        var (_, list, _) = await meeting.Facilitator.GetAsync("/meetings");
        Assert.Contains($"will be deleted on {expected}", list.QuerySelector(".mb-meeting-list")!.TextContent);
    }

    [Fact]
    public async Task A_command_racing_the_purge_cannot_write_the_meeting_back()
    {
        var (meeting, text) = await FilledMeetingAsync();
        await using var _ = meeting;
        var store = meeting.App.Services.GetRequiredService<IEventStore>();
        await store.PurgeAsync(meeting.MeetingId, DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<MeetingDeletedException>(() => store.AppendAsync(meeting.MeetingId, 99,
            [new MeetingBoard.Meetings.MeetingClosed(MeetingBoard.Meetings.Actor.Facilitator("x"), DateTimeOffset.UtcNow)], null));
        AssertNothingLeft(meeting.App, meeting.MeetingId, meeting.JoinCode, text);
    }

    /// <summary>
    /// Reads the SQLite file itself: no row of any table mentions the meeting except its tombstone
    /// (id and date only), and no page of the file or its write-ahead log still holds what was typed.
    /// </summary>
    static void AssertNothingLeft(TestApp app, string meetingId, string joinCode, string typed)
    {
        var path = app.Services.GetRequiredService<SqliteDatabase>().Path;
        using (var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            c.Open();
            var tables = new List<string>();
            using (var list = c.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                using var r = list.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            Assert.Contains("events", tables);
            Assert.Contains("meetings", tables);
            foreach (var table in tables)
            {
                using var select = c.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                using var r = select.ExecuteReader();
                while (r.Read())
                {
                    var row = string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i))));
                    Assert.DoesNotContain(typed, row);
                    Assert.DoesNotContain(joinCode.Replace("-", ""), row);
                    Assert.DoesNotContain("Sam Example", row);
                    if (row.Contains(meetingId))
                    {
                        Assert.Equal("deleted_meetings", table);
                        Assert.Equal(2, r.FieldCount);
                    }
                }
            }
        }
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(typed)) < 0, $"{Path.GetFileName(file)} still holds the typed text");
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes("Sam Example")) < 0, $"{Path.GetFileName(file)} still holds a name");
        }
    }

    static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
