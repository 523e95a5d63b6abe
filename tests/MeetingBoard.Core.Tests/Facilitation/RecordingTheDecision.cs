using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

public sealed class RecordingTheDecision
{
    static readonly DateTimeOffset At = Given.At;
    const string Plan = "The children will be subject to a child protection plan under the category of emotional abuse";

    static MeetingState Decided() =>
        Given.OpenMeeting(new DecisionRecorded(Plan, Given.Iro, At));

    [Fact]
    public void TheFacilitatorRecordsTheDecisionInTheirWords()
    {
        var state = Given.OpenMeeting();
        var recorded = Then.Single<DecisionRecorded>(Meeting.Decide(state, new RecordDecision("  " + Plan + "  ", Given.Iro, At)));
        Assert.Equal(Plan, recorded.Text);
        state = Meeting.Apply(state, recorded);
        Assert.Equal(Plan, state.Facilitation.Decision!.Text);
        Then.NoEvents(Meeting.Decide(state, new RecordDecision(Plan, Given.Iro, At)));
    }

    [Fact]
    public void AChangedDecisionClearsTheViewsGivenOnTheOldOne()
    {
        var state = Meeting.Apply(Decided(), new ViewOnDecisionRecorded(Given.Sam, true, null, false, Given.Sam, At));
        state = Meeting.Apply(state, Then.Single<DecisionRecorded>(Meeting.Decide(state, new RecordDecision("No plan is needed", Given.Iro, At))));
        Assert.Empty(state.Facilitation.Decision!.Views);
    }

    [Fact]
    public void AnEmptyOrOversizedDecisionIsRefused()
    {
        var state = Given.OpenMeeting();
        Assert.Equal("Enter the decision", Then.Invalid(Meeting.Decide(state, new RecordDecision("   ", Given.Iro, At)), "text").Message);
        Then.Invalid(Meeting.Decide(state, new RecordDecision(new string('a', Facilitating.DecisionMaxLength + 1), Given.Iro, At)), "text");
        Then.Invalid(Meeting.Decide(state, new RecordDecision("plan\u202Eevil", Given.Iro, At)), "text");
    }

    [Fact]
    public void AParticipantCannotRecordTheDecision() =>
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), new RecordDecision(Plan, Given.Sam, At)));

    [Fact]
    public void NothingIsDecidedInAClosedMeeting()
    {
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(Given.Closed()), new RecordDecision(Plan, Given.Iro, At)));
        Then.Conflict(Meeting.Decide(Meeting.Apply(Decided(), Given.Closed()), new RecordViewOnDecision("agree", null, null, Given.Sam, At)));
    }

    [Fact]
    public void EachPersonAgreesOrDisagreesWithAReasonAndMayChangeTheirMind()
    {
        var state = Decided();
        var view = Then.Single<ViewOnDecisionRecorded>(Meeting.Decide(state, new RecordViewOnDecision("disagree", " The school sees progress ", null, Given.Sam, At)));
        Assert.Equal(Given.Sam, view.Person);
        Assert.False(view.Agrees);
        Assert.Equal("The school sees progress", view.Reason);
        Assert.False(view.OnBehalf);
        state = Meeting.Apply(state, view);
        state = Meeting.Apply(state, Then.Single<ViewOnDecisionRecorded>(Meeting.Decide(state, new RecordViewOnDecision("agree", "", null, Given.Teacher, At))));
        Assert.Equal([Given.Teacher], state.Facilitation.Decision!.Agreeing.Select(v => v.Person));
        Assert.Equal([Given.Sam], state.Facilitation.Decision.Disagreeing.Select(v => v.Person));

        // The same view again changes nothing; a new one replaces the old, keeping one view a person.
        Then.NoEvents(Meeting.Decide(state, new RecordViewOnDecision("disagree", "The school sees progress", null, Given.Sam, At)));
        state = Meeting.Apply(state, Then.Single<ViewOnDecisionRecorded>(Meeting.Decide(state, new RecordViewOnDecision("agree", null, null, Given.Sam, At))));
        Assert.Equal(2, state.Facilitation.Decision!.Views.Count);
        Assert.Empty(state.Facilitation.Decision.Disagreeing);
    }

    [Fact]
    public void TheFacilitatorRecordsAViewForSomeoneWithoutADevice()
    {
        var view = Then.Single<ViewOnDecisionRecorded>(Meeting.Decide(Decided(), new RecordViewOnDecision("agree", null, Given.Teacher.Id, Given.Iro, At)));
        Assert.Equal(Given.Teacher, view.Person);
        Assert.True(view.OnBehalf);
        Assert.Equal(Given.Iro, view.By);
    }

    [Fact]
    public void OnlyTheFacilitatorSpeaksForSomeoneElseAndOnlyForSomeoneInTheMeeting()
    {
        Then.Forbidden(Meeting.Decide(Decided(), new RecordViewOnDecision("agree", null, Given.Teacher.Id, Given.Sam, At)));
        Then.NotFound(Meeting.Decide(Decided(), new RecordViewOnDecision("agree", null, "p-nobody", Given.Iro, At)));
    }

    [Fact]
    public void SomeoneNotLetInCannotGiveAView()
    {
        Then.Forbidden(Meeting.Decide(Decided(), new RecordViewOnDecision("agree", null, null, Given.HealthVisitor, At)));
        Then.Forbidden(Meeting.Decide(Decided(), new RecordViewOnDecision("agree", null, null, Given.AnotherFacilitator, At)));
    }

    [Fact]
    public void AViewBeforeADecisionExistsIsRefused() =>
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new RecordViewOnDecision("agree", null, null, Given.Sam, At)));

    [Fact]
    public void AViewMustBeAgreeOrDisagreeWithAReasonOfSensibleLength()
    {
        Then.Invalid(Meeting.Decide(Decided(), new RecordViewOnDecision("maybe", null, null, Given.Sam, At)), "view");
        Then.Invalid(Meeting.Decide(Decided(), new RecordViewOnDecision(null, null, null, Given.Sam, At)), "view");
        Then.Invalid(Meeting.Decide(Decided(), new RecordViewOnDecision("disagree", new string('a', Facilitating.ViewReasonMaxLength + 1), null, Given.Sam, At)), "reason");
    }
}
