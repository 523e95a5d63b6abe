using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Tests.Infrastructure;
using static MeetingBoard.Web.Tests.Facilitation.Commands;

namespace MeetingBoard.Web.Tests.Facilitation;

public sealed class TheConferenceDecision
{
    const string Plan = "The children will be subject to a child protection plan under the category of emotional abuse";

    [Fact]
    public async Task TheChairRecordsTheDecisionAndEveryoneSeesWhoDisagreesAndWhy()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, teacherId) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        using var nan = (await meeting.AdmitAsync("Nan", "Grandmother")).Item1;
        var url = $"/m/{meeting.MeetingId}";

        // A view before there is a decision to have one on is refused, and so is a participant deciding.
        Refused(await meeting.AsAsync(sam, (a, t) => new RecordViewOnDecision("agree", null, null, a, t)), RefusalKind.Conflict);
        Refused(await meeting.AsAsync(sam, (a, t) => new RecordDecision(Plan, a, t)), RefusalKind.Forbidden);

        var empty = Refused(await meeting.ChairAsync((a, t) => new RecordDecision("  ", a, t)), RefusalKind.Invalid);
        Assert.Equal("text", empty.Field);
        Assert.Contains("Enter the decision", empty.Message);
        Assert.Null((await meeting.StateAsync()).Facilitation.Decision);
        Done(await meeting.ChairAsync((a, t) => new RecordDecision(Plan, a, t)));

        var noChoice = Refused(await meeting.AsAsync(sam, (a, t) => new RecordViewOnDecision(null, "Hmm", null, a, t)), RefusalKind.Invalid);
        Assert.Equal("view", noChoice.Field);
        Assert.Contains("Choose whether you agree or disagree with the decision", noChoice.Message);
        Done(await meeting.AsAsync(sam, (a, t) => new RecordViewOnDecision("disagree", "Things are better since March", null, a, t)));
        Done(await meeting.AsAsync(teacher, (a, t) => new RecordViewOnDecision("agree", null, null, a, t)));
        // Speaking for someone else is the chair's alone.
        Refused(await meeting.AsAsync(sam, (a, t) => new RecordViewOnDecision("agree", null, teacherId, a, t)), RefusalKind.Forbidden);

        var (_, chair, _) = await meeting.Facilitator.GetAsync(url);
        var nanId = chair.QuerySelectorAll("#view-person option").Single(o => o.TextContent == "Nan").GetAttribute("value")!;
        Assert.NotNull(chair.QuerySelector("#record-decision"));
        Done(await meeting.ChairAsync((a, t) => new RecordViewOnDecision("disagree", null, nanId, a, t)));

        var (_, page, _) = await sam.GetAsync(url);
        Assert.Equal(Plan, page.QuerySelector("#mb-decision-text")!.TextContent);
        Assert.Contains("1 person agrees, 2 people disagree", page.QuerySelector("#mb-decision-count")!.TextContent);
        var dissent = page.QuerySelector("#mb-decision-dissent")!.TextContent;
        Assert.Contains("Sam", dissent);
        Assert.Contains("Things are better since March", dissent);
        Assert.Contains("Nan", dissent);
        Assert.Contains("recorded by the facilitator", dissent);
        // Participants give only their own view: no list of people to speak for.
        Assert.Null(page.QuerySelector("#view-person"));
        Assert.NotNull(page.QuerySelector("#view-on-decision"));
        Assert.Null(page.QuerySelector("#record-decision"));

        var screenUrl = new Uri(chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
        using var screen = new Visitor(meeting.App);
        var (_, room, _) = await screen.GetAsync(screenUrl);
        Assert.Equal(Plan, room.QuerySelector("#mb-decision-text")!.TextContent);
        Assert.Contains("1 person agrees, 2 people disagree", room.QuerySelector("#mb-decision-count")!.TextContent);
        Assert.Contains("Sam", room.QuerySelector("#mb-decision-dissent")!.TextContent);
        Assert.Null(room.QuerySelector("#view-on-decision"));
    }

    [Fact]
    public async Task TheRoomScreenCannotDecideAndAClosedMeetingTakesNoDecision()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        Refused(await meeting.AsScreenAsync((a, t) => new RecordDecision(Plan, a, t)), RefusalKind.Forbidden);
        Assert.Null((await meeting.StateAsync()).Facilitation.Decision);

        Done(await meeting.ChairAsync((a, t) => new CloseMeeting(a, t)));
        Refused(await meeting.ChairAsync((a, t) => new RecordDecision(Plan, a, t)), RefusalKind.Conflict);
        Assert.Null((await meeting.StateAsync()).Facilitation.Decision);
    }
}
