using System.Net;
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
        (await meeting.AddItemAsync(sam, "harm", "<script>alert('x')</script> # not a heading")).EnsureSuccessStatusCode();

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
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "A private worry")).EnsureSuccessStatusCode();
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
        (await meeting.AddItemAsync(sam, "harm", "First <b>words</b>")).EnsureSuccessStatusCode();
        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = board.QuerySelector(".mb-item")!.GetAttribute("id")!.Replace("item-", "");
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/edit",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["text"] = "Better words" }, fetch: true)).EnsureSuccessStatusCode();
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/move",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["category"] = "complicating-factors" }, fetch: true)).EnsureSuccessStatusCode();
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/remove",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId() }, fetch: true)).EnsureSuccessStatusCode();
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/harm", new Dictionary<string, string>
        {
            ["commandId"] = Visitor.NewCommandId(), ["behaviour"] = "Shouting <i>loudly</i>", ["howLong"] = "A year", ["howOften"] = "Weekly",
            ["first"] = "January", ["worst"] = "March", ["last"] = "May", ["impact"] = "Maya hides",
        }, fetch: true)).EnsureSuccessStatusCode();

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
}
