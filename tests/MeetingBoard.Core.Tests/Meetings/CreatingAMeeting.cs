using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class CreatingAMeeting
{
    static CreateMeeting Create(string? type = "GroupSupervision", string? title = "Group supervision: Maya and Leo",
        string? caseReference = "CP-2025-0142", Actor? by = null) =>
        new(MeetingId, type, title, caseReference, "Alex (IRO)", "KPW7RTC4H", "screen-key", by ?? Iro, At);

    [Fact]
    public void RecordsTheMeetingWithItsFacilitator()
    {
        var created = Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty,
            Create(type: "childprotectionconference", title: "  Initial conference  ")));

        Assert.Equal(MeetingType.ChildProtectionConference, created.Type);
        Assert.Equal("Initial conference", created.Title);
        Assert.Equal("CP-2025-0142", created.CaseReference);
        Assert.Equal(Iro.Id, created.FacilitatorId);
        Assert.Equal("KPW7RTC4H", created.JoinCode);
    }

    [Fact]
    public void IsRefusedForAnUnknownType() =>
        Assert.All([null, "Supervision", "99"], type => Then.Invalid(Meeting.Decide(MeetingState.Empty, Create(type: type)), "type"));

    [Fact]
    public void IsRefusedWithoutATitle() =>
        Assert.All([null, "   "], title => Then.Invalid(Meeting.Decide(MeetingState.Empty, Create(title: title)), "title"));

    [Fact]
    public void IsRefusedWhenTheTitleIsTooLong()
    {
        Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty, Create(title: new string('t', Text.TitleMaxLength))));
        Then.Invalid(Meeting.Decide(MeetingState.Empty, Create(title: new string('t', Text.TitleMaxLength + 1))), "title");
    }

    [Fact]
    public void IsRefusedWhenTheCaseReferenceIsTooLong() =>
        Then.Invalid(Meeting.Decide(MeetingState.Empty, Create(caseReference: new string('9', Text.CaseReferenceMaxLength + 1))),
            "caseReference");

    [Fact]
    public void LeavesOutAMissingCaseReference() =>
        Assert.All([null, "  "], caseReference =>
            Assert.Null(Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty, Create(caseReference: caseReference))).CaseReference));

    [Fact]
    public void IsForbiddenToAParticipant() =>
        Then.Forbidden(Meeting.Decide(MeetingState.Empty, Create(by: Sam)));

    [Fact]
    public void IsRefusedWhenTheMeetingAlreadyExists() =>
        Then.Conflict(Meeting.Decide(Given.Events(Created()), Create()));
}
