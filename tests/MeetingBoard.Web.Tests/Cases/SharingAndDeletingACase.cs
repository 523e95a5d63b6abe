using System.Net;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Cases;

/// <summary>
/// Who sees a case: its facilitators, and those its owner adds by email; nobody else. Starting a meeting
/// in someone else's case is refused; deleting a case deletes its meetings once confirmed.
/// </summary>
public sealed class SharingAndDeletingACase : IAsyncLifetime
{
    readonly TestApp app = TestApp.Start();
    readonly Visitor owner, colleague;
    string caseId = "", caseName = "", meetingId = "", colleagueEmail = "";

    public SharingAndDeletingACase()
    {
        owner = new Visitor(app);
        colleague = new Visitor(app);
    }

    public async Task InitializeAsync()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        await owner.SignInAsync(email, password);
        (colleagueEmail, password) = await app.AddFacilitatorAsync("Robin Colleague");
        await colleague.SignInAsync(colleagueEmail, password);
        (meetingId, _) = await owner.CreateMeetingAsync("Initial conference");
        caseId = (await app.Services.GetRequiredService<ICaseStore>().CaseOfMeetingAsync(meetingId))!;
        caseName = (await app.Services.GetRequiredService<ICaseStore>().FindAsync(caseId))!.Name;
    }

    [Fact]
    public async Task AColleagueSeesTheCaseOnlyOnceAddedAndNotOnceRemoved()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/cases/{caseId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/cases/{caseId}/record.json")).Status);
        var (_, list, _) = await colleague.GetAsync("/meetings");
        Assert.DoesNotContain(caseName, list.QuerySelector("#mb-meeting-list")!.TextContent);
        Assert.Null(list.QuerySelector("#caseId")); // no case to choose from

        await owner.GetAsync($"/cases/{caseId}");
        var unknown = await owner.PostAsync($"/cases/{caseId}/members", new Dictionary<string, string> { ["email"] = "nobody@example.org" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("There is no facilitator with that email address", await unknown.Content.ReadAsStringAsync());
        var added = await owner.PostAsync($"/cases/{caseId}/members", new Dictionary<string, string> { ["email"] = colleagueEmail.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var (status, page, _) = await colleague.GetAsync($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Initial conference", page.QuerySelector(".mb-case-meetings")!.TextContent);
        Assert.Null(page.QuerySelector($"form[action='/cases/{caseId}/members']")); // only the owner adds people
        (_, list, _) = await colleague.GetAsync("/meetings");
        Assert.Contains(caseName, list.QuerySelector("#mb-meeting-list")!.TextContent);
        // Seeing the case is not running its meetings.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/m/{meetingId}/record")).Status);
        // Nor changing who may see it.
        var refused = await colleague.PostAsync($"/cases/{caseId}/members/remove", new Dictionary<string, string> { ["accountId"] = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var colleagueId = (await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(colleagueEmail))!.Id;
        await owner.GetAsync($"/cases/{caseId}");
        await owner.PostAsync($"/cases/{caseId}/members/remove", new Dictionary<string, string> { ["accountId"] = colleagueId });
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/cases/{caseId}")).Status);
    }

    [Fact]
    public async Task AMeetingCannotBeStartedInACaseOneCannotSee()
    {
        await colleague.GetAsync("/meetings");
        var response = await colleague.PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = MeetingHosts.NewId(), ["type"] = "ChildProtectionConference", ["title"] = "Review", ["caseId"] = caseId,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose one of your cases, or a new one", await response.Content.ReadAsStringAsync());
        Assert.Equal([meetingId], await app.Services.GetRequiredService<ICaseStore>().MeetingsAsync(caseId));
    }

    [Fact]
    public async Task NamingANewCaseAsAnExistingOneIsRefusedSoTheFamilysMeetingsStayTogether()
    {
        var name = caseName;
        await owner.GetAsync("/meetings");
        var response = await owner.PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = MeetingHosts.NewId(), ["type"] = "ChildProtectionConference", ["title"] = "Review", ["caseReference"] = " " + name.ToLowerInvariant(),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"You already have a case called {name}", await response.Content.ReadAsStringAsync());
        Assert.Single(await app.Services.GetRequiredService<IEventStore>().ListForFacilitatorAsync(
            (await app.Services.GetRequiredService<ICaseStore>().FindAsync(caseId))!.OwnerId));
    }

    [Fact]
    public async Task DeletingACaseDeletesItsMeetingsAfterConfirming()
    {
        var (status, confirm, _) = await owner.GetAsync($"/cases/{caseId}/delete");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Are you sure you want to delete this case?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Contains("Initial conference", confirm.DocumentElement.TextContent);
        // The colleague, even once added, cannot delete it.
        await owner.PostAsync($"/cases/{caseId}/members", new Dictionary<string, string> { ["email"] = colleagueEmail });
        await colleague.GetAsync($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsync($"/cases/{caseId}/delete", new Dictionary<string, string>())).StatusCode);
        Assert.NotNull(await app.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId));

        var deleted = await owner.PostAsync($"/cases/{caseId}/delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId));
        Assert.NotNull(await app.Services.GetRequiredService<IEventStore>().FindDeletedAsync(meetingId));
        Assert.Null(await app.Services.GetRequiredService<ICaseStore>().FindAsync(caseId));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/cases/{caseId}")).Status);
    }

    public async Task DisposeAsync()
    {
        owner.Dispose();
        colleague.Dispose();
        await app.DisposeAsync();
    }
}
