using System.Net;
using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests;

public sealed class TheSetupLink
{
    [Fact]
    public async Task CreatesTheFirstFacilitatorOnceAndSignsThemIn()
    {
        await using var app = TestApp.Start();
        var token = app.Services.GetRequiredService<SetupLink>().Token;
        Assert.NotNull(token);

        using var first = new Visitor(app);
        var (status, page, _) = await first.GetAsync($"/setup/{token}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Create the first facilitator account", page.QuerySelector("h1")!.TextContent);
        var created = await first.PostAsync($"/setup/{token}", new Dictionary<string, string>
        {
            ["name"] = "Alex Morgan", ["email"] = "alex@example.org", ["password"] = "four random words here",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (meetingsStatus, meetings, _) = await first.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.OK, meetingsStatus);
        Assert.Contains("Alex Morgan", meetings.QuerySelector(".mb-header__user")!.TextContent);

        using var second = new Visitor(app);
        var (again, againPage, _) = await second.GetAsync($"/setup/{token}");
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Contains("expired", againPage.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task StoresThePasswordHashed()
    {
        await using var app = TestApp.Start();
        var token = app.Services.GetRequiredService<SetupLink>().Token!;
        using var visitor = new Visitor(app);
        await visitor.GetAsync($"/setup/{token}");
        await visitor.PostAsync($"/setup/{token}", new Dictionary<string, string>
        {
            ["name"] = "Alex Morgan", ["email"] = "alex@example.org", ["password"] = "four random words here",
        });
        var bytes = await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "meetingboard.db"));
        var wal = Path.Combine(app.DataDirectory, "meetingboard.db-wal");
        var all = System.Text.Encoding.UTF8.GetString(bytes) + (File.Exists(wal) ? System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(wal)) : "");
        Assert.Contains("alex@example.org", all);
        Assert.DoesNotContain("four random words here", all);
    }

    [Fact]
    public async Task RefusesAShortPasswordAndABadEmailBesideTheFields()
    {
        await using var app = TestApp.Start();
        var token = app.Services.GetRequiredService<SetupLink>().Token!;
        using var visitor = new Visitor(app);
        await visitor.GetAsync($"/setup/{token}");
        var response = await visitor.PostAsync($"/setup/{token}", new Dictionary<string, string>
        {
            ["name"] = "", ["email"] = "not an email", ["password"] = "short",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the full name", html);
        Assert.Contains("Enter an email address in the correct format", html);
        Assert.Contains("Password must be at least 12 characters", html);
        Assert.NotNull(app.Services.GetRequiredService<SetupLink>().Token);
    }
}

public sealed class FacilitatorAccounts
{
    [Fact]
    public async Task ASignedInFacilitatorAddsAnotherWhoCanThenSignIn()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var alex = new Visitor(app);
        await alex.SignInAsync(email, password);
        await alex.GetAsync("/facilitators/new");
        var added = await alex.PostAsync("/facilitators/new", new Dictionary<string, string>
        {
            ["name"] = "Jo Bloggs", ["email"] = "jo@example.org", ["password"] = "another four words here",
        });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Jo Bloggs can now sign in", await added.Content.ReadAsStringAsync());

        using var jo = new Visitor(app);
        await jo.SignInAsync("jo@example.org", "another four words here");
        var (status, _, _) = await jo.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.OK, status);

        var duplicate = await alex.PostAsync("/facilitators/new", new Dictionary<string, string>
        {
            ["name"] = "Jo Again", ["email"] = "JO@example.org", ["password"] = "another four words here",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("already a facilitator with this email", await duplicate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NobodyElseCanAddFacilitators()
    {
        await using var app = TestApp.Start();
        using var stranger = new Visitor(app);
        var (status, _, response) = await stranger.GetAsync("/facilitators/new");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
        await stranger.GetAsync("/join");
        var post = await stranger.PostAsync("/facilitators/new", new Dictionary<string, string>
        {
            ["name"] = "Mallory", ["email"] = "m@example.org", ["password"] = "four random words here",
        });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        using var mallory = new Visitor(app);
        await Assert.ThrowsAsync<InvalidOperationException>(() => mallory.SignInAsync("m@example.org", "four random words here"));
    }

    [Fact]
    public async Task AWrongPasswordSaysTheSameAsAnUnknownEmail()
    {
        await using var app = TestApp.Start();
        var (email, _) = await app.AddFacilitatorAsync();
        using var visitor = new Visitor(app);
        await visitor.GetAsync("/sign-in");
        var wrongPassword = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = "not the password at all" });
        var unknownEmail = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = "nobody@example.org", ["password"] = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Contains("Enter a correct email address and password", await wrongPassword.Content.ReadAsStringAsync());
        Assert.Contains("Enter a correct email address and password", await unknownEmail.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOutEndsAccessToMeetings()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.Facilitator.GetAsync("/meetings");
        var signOut = await meeting.Facilitator.PostAsync("/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var (status, _, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
