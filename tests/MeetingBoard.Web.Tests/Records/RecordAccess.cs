using System.Net;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>The record and audit trail over HTTP: this meeting's facilitator only, at any time, every format.</summary>
public sealed class RecordAccess
{
    static readonly string[] Paths = ["record", "record.md", "record.txt", "record.json", "record/family", "audit", "delete"];

    [Fact]
    public async Task The_facilitator_gets_every_format_mid_meeting_with_what_people_typed_literal()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mother");
        await meeting.AddsItemAsync(sam, "harm", "<script>alert('x')</script> # not a heading");

        var (status, page, response) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/record");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var item = page.QuerySelectorAll(".mb-record li").First(li => li.TextContent.Contains("alert"));
        Assert.StartsWith("<script>alert('x')</script> # not a heading — Sam (Mother)", item.TextContent);
        Assert.Empty(page.QuerySelectorAll(".mb-record script"));
        Assert.Contains("still open", page.QuerySelector(".mb-record")!.TextContent);
        foreach (var link in new[] { "record/family", "record.txt", "record.md", "record.json", "audit" })
            Assert.NotNull(page.QuerySelector($"a[href='/m/{meeting.MeetingId}/{link}']"));

        var expected = new Dictionary<string, string>
        {
            ["record.md"] = "text/markdown",
            ["record.txt"] = "text/plain",
            ["record.json"] = "application/json",
        };
        foreach (var (path, type) in expected)
        {
            var (s, _, r) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/{path}");
            Assert.Equal(HttpStatusCode.OK, s);
            Assert.Equal(type, r.Content.Headers.ContentType!.MediaType);
            Assert.True(r.Headers.CacheControl!.NoStore);
            Assert.Contains("alert", await r.Content.ReadAsStringAsync());
        }
        var text = await (await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/record.txt")).Response.Content.ReadAsStringAsync();
        Assert.Contains("- <script>alert('x')</script> # not a heading", text);

        var (familyStatus, family, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/record/family");
        Assert.Equal(HttpStatusCode.OK, familyStatus);
        Assert.Contains("What we are worried about", family.QuerySelector(".mb-record")!.TextContent);
        Assert.DoesNotContain(meeting.MeetingId, family.QuerySelector(".mb-record")!.InnerHtml);
    }

    [Fact]
    public async Task The_meeting_page_links_to_the_record_and_says_how_long_it_is_kept()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(page.QuerySelector($"a[href='/m/{meeting.MeetingId}/record']"));
        Assert.NotNull(page.QuerySelector($"a[href='/m/{meeting.MeetingId}/audit']"));
        Assert.Contains("kept for 30 days", page.QuerySelector(".mb-purge-date")!.TextContent);

        var (sam, _) = await meeting.AdmitAsync("Sam", "Mother");
        var (_, samPage, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(samPage.QuerySelector($"a[href='/m/{meeting.MeetingId}/record']"));
    }

    [Fact]
    public async Task Participants_the_room_screen_strangers_and_other_facilitators_get_nothing()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.AddsItemAsync(null, "harm", "A private worry");
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mother");
        var (waiting, _) = await meeting.AskToJoinAsync("Pat", "Grandmother");

        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var screenUrl = new Uri(facilitatorPage.QuerySelector("[data-mb-copy*='/screen/']")!.GetAttribute("data-mb-copy")!);
        using var screen = new Visitor(meeting.App);
        Assert.Equal(HttpStatusCode.OK, (await screen.GetAsync(screenUrl.PathAndQuery)).Status);

        using var other = new Visitor(meeting.App);
        var (email, password) = await meeting.App.AddFacilitatorAsync("Another Facilitator");
        await other.SignInAsync(email, password);
        using var stranger = new Visitor(meeting.App);

        foreach (var who in new[] { sam, waiting, screen, other, stranger })
        foreach (var path in Paths)
        {
            var (status, _, response) = await who.GetAsync($"/m/{meeting.MeetingId}/{path}");
            Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {status}");
            Assert.DoesNotContain("A private worry", await response.Content.ReadAsStringAsync());
        }

        // Nor can anyone else delete it.
        await sam.GetAsync($"/m/{meeting.MeetingId}");
        var delete = await sam.PostAsync($"/m/{meeting.MeetingId}/delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        await other.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/m/{meeting.MeetingId}/delete", new Dictionary<string, string>())).StatusCode);
        Assert.Contains("A private worry", await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task The_audit_trail_shows_who_changed_what_with_the_old_and_new_text()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mother");
        var itemId = await meeting.AddsItemAsync(sam, "harm", "First <b>words</b>");
        await meeting.FacilitatorDoesAsync((a, t) => new EditItem(itemId, "Better words", a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new MoveItem(itemId, "complicating-factors", a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RemoveItem(itemId, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RecordHarm(MeetingHosts.NewId(), "Shouting <i>loudly</i>", "A year", "Weekly",
            "January", "March", "May", "Maya hides", a, t));

        var (status, audit, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/audit");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = audit.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        var added = rows.Single(r => r[3] == "Added an item to Harm");
        Assert.Equal("Sam (Mother)", added[2]);
        Assert.Equal("First <b>words</b>", added[5]);
        var changed = rows.Single(r => r[3] == "Changed an item in Harm");
        Assert.Contains("Facilitator", changed[2]);
        Assert.Equal(("First <b>words</b>", "Better words"), (changed[4], changed[5]));
        Assert.Single(rows, r => r[3] == "Moved an item from Harm to Complicating factors");
        Assert.Equal("Better words", rows.Single(r => r[3] == "Removed an item from Complicating factors")[4]);
        Assert.Empty(audit.QuerySelectorAll("main b"));
        Assert.Equal("Shouting <i>loudly</i>", rows.Single(r => r[3] == "Added to the harm matrix")[5]);
        Assert.Empty(audit.QuerySelectorAll("main i"));
    }

    [Fact]
    public async Task A_closed_meetings_record_says_when_it_closed_not_so_far()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, open, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/record");
        Assert.Contains("the record of the meeting so far", open.QuerySelector(".mb-record-tools")!.TextContent);

        await meeting.ClosesAsync();
        var (_, closed, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/record");
        var tools = closed.QuerySelector(".mb-record-tools")!.TextContent;
        Assert.DoesNotContain("so far", tools);
        Assert.Contains("This is the record of the meeting, which closed on", tools);
    }

    [Fact]
    public async Task The_audit_trail_lists_locking_marking_and_every_score_with_the_number_only_once_revealed()
    {
        await using var meeting = await MeetingScenario.StartAsync(type: "GroupSupervision");
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mother");
        await meeting.FacilitatorDoesAsync((a, t) => new LockMeeting(a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new UnlockMeeting(a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new MeetingBoard.Facilitation.LockBoard(true, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new MeetingBoard.Facilitation.LockBoard(false, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new SetScalingGroup(samId, "family", a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new StartRound("round1", "How safe are the children?", "Safe enough", "Not safe", null, a, t));
        await meeting.ParticipantDoesAsync(sam, (a, t) => new GiveScore("round1", 1, "4", "Some worry", null, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RecordScoreFor("round1", 1, "tom", "Tom", "Grandfather", "family", "7", "He copes", null, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RevealRound("round1", a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RerunRound("round1", a, t));
        await meeting.ParticipantDoesAsync(sam, (a, t) => new GiveScore("round1", 2, "9", "Much better now", null, a, t));
        await meeting.FacilitatorDoesAsync((a, t) => new RecordScoreFor("round1", 2, "tom", "Tom", "Grandfather", "family", "2", "Still hidden", null, a, t));

        var (status, audit, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/audit");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = audit.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        var what = rows.Select(r => r[3]).ToList();
        Assert.Contains("Locked the meeting: nobody new could join", what);
        Assert.Contains("Unlocked the meeting", what);
        Assert.Contains("Locked the board", what);
        Assert.Contains("Unlocked the board", what);
        Assert.Contains("Marked Sam (Mother) as family and network", what);
        Assert.Equal("Sam (Mother)", rows.Single(r => r[3] == "Gave a score of 4")[2]);
        Assert.Contains("Entered a score of 7 for Tom (Grandfather)", what);
        // The second run was not revealed: who scored is listed, the numbers are not.
        Assert.Equal("Sam (Mother)", rows.Single(r => r[3] == "Gave a score (not revealed)")[2]);
        Assert.Contains("Entered a score for Tom (Grandfather) (not revealed)", what);
        var page = audit.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("score of 9", page);
        Assert.DoesNotContain("score of 2", page);
        Assert.DoesNotContain("Still hidden", page);
        Assert.DoesNotContain("Much better now", page);
    }
}
