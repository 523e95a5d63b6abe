using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Records;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Records;

/// <summary>The practice, scaling and facilitation sections of the record, each built from scripted events.</summary>
public class RecordSectionsFromEvents
{
    static DateTimeOffset T(int minutes) => Given.At.AddMinutes(minutes);

    static readonly IMeetingEvent[] People =
    [
        Given.Created(),
        Given.Asked(Given.Sam) with { At = T(1) },
        new ParticipantAdmitted(Given.Sam.Id, Given.Iro, T(1)),
        Given.Asked(Given.Teacher) with { At = T(2) },
        new ParticipantAdmitted(Given.Teacher.Id, Given.Iro, T(2)),
    ];

    static MeetingRecord Record(params IMeetingEvent[] then) =>
        MeetingRecords.Build(People.Concat(then).Select((e, i) => new VersionedEvent(i + 1, e)).ToList(), T(60));

    static T1 Section<T1>(MeetingRecord record) where T1 : RecordSection => Assert.Single(record.Sections.OfType<T1>());

    static string Md(MeetingRecord r) => RecordMarkdown.Write(r, TimeZoneInfo.Utc);
    static string Txt(MeetingRecord r) => RecordText.Write(r, TimeZoneInfo.Utc);
    static string Family(MeetingRecord r) => FamilyRecord.Write(r, TimeZoneInfo.Utc);
    static string Json(MeetingRecord r) => RecordJson.Write(r);

    static readonly DangerParts Parts = new("The school", "Jordan drinks", "Maya is scared", "the children could be hurt", null);
    static readonly GoalParts Goal = new("Sam keeps the children away", "they feel safe", "we see it", "6 months");

    [Fact]
    public void A_meeting_without_these_features_has_only_the_map()
    {
        var record = Record();
        Assert.IsType<MapSection>(Assert.Single(record.Sections));
    }

    [Fact]
    public void Statements_carry_their_goals_and_the_familys_disagreements_in_the_meetings_wording()
    {
        var record = Record(
            new WordingChosen(Wording.SignsOfWellbeing, Given.Iro, T(3)),
            new DangerStatementAdded("s1", "First worry.", Parts, Given.Iro, T(4)),
            new DangerStatementAdded("s2", "Second worry.", Parts, Given.Iro, T(5)),
            new SafetyGoalAdded("g1", "s2", "Goal for two.", Goal, Given.Iro, T(6)),
            new SafetyGoalEdited("g1", "Goal for two, changed.", Given.Iro, T(7)),
            new DisagreementRecorded("s2", "We do not agree.", Given.Sam, T(8)));

        var p = Section<PracticeSection>(record);
        Assert.Equal(Wording.SignsOfWellbeing, p.Wording);
        Assert.Equal([1, 2], p.Statements.Select(s => s.Number));
        Assert.Empty(p.Statements[0].Goals);
        var goal = Assert.Single(p.Statements[1].Goals);
        Assert.Equal("Goal for two, changed.", goal.Sentence);
        Assert.Equal(T(7), goal.EditedAt);
        var view = Assert.Single(p.Statements[1].Disagreements);
        Assert.Equal(("We do not agree.", "Sam"), (view.View, view.By.Name));

        var md = Md(record);
        Assert.Contains("## Worry statements and wellbeing goals", md);
        Assert.Contains("### Worry statement 2", md);
        Assert.Contains("#### Where the family disagrees", md);
        Assert.DoesNotContain("Danger statement", md);
        Assert.Contains("added a wellbeing goal: “Goal for two.”", md);
        Assert.Contains("changed a wellbeing goal to: “Goal for two, changed.”", Txt(record));
        Assert.Contains("\"wording\": \"SignsOfWellbeing\"", Json(record));
        Assert.DoesNotContain("Hint", Json(record));
    }

    [Fact]
    public void Harm_and_next_steps_are_tables_with_status()
    {
        var record = Record(
            new HarmRecorded("h1", "Shouting", "A year", "Weekly", "Jan", "March", "May", "Maya cries", Given.Teacher, T(3)),
            new NextStepAdded("n1", Given.Sam.Id, "Sam", "Call Pat", new DateOnly(2025, 3, 11), Given.Iro, T(4)),
            new NextStepStatusChanged("n1", NextStepStatus.Done, Given.Iro, T(5)));

        var p = Section<PracticeSection>(record);
        Assert.Equal("Maya cries", Assert.Single(p.Harm).Impact);
        var step = Assert.Single(p.NextSteps);
        Assert.Equal((NextStepStatus.Done, "Done"), (step.Status, step.StatusName));

        var md = Md(record);
        Assert.Contains("| Shouting | A year | Weekly | Jan | March | May | Maya cries | Ms Okafor (Maya's class teacher), 10:03 |", md);
        Assert.Contains("| Sam | Call Pat | 11 March 2025 | Done |", md);
        Assert.Contains("| Sam | Call Pat | 11 March 2025 | Done |", Family(record));
        Assert.Contains("marked a next step “Done”: “Call Pat”", md);
    }

    [Fact]
    public void An_empty_map_category_whose_content_is_in_a_section_below_points_there_instead_of_saying_nothing()
    {
        var record = Record(
            new DangerStatementAdded("s1", "First worry.", Parts, Given.Iro, T(3)),
            new SafetyGoalAdded("g1", "s1", "A goal.", Goal, Given.Iro, T(4)),
            new NextStepAdded("n1", Given.Sam.Id, "Sam", "Call Pat", new DateOnly(2025, 3, 11), Given.Iro, T(5)));

        var md = Md(record);
        Assert.Contains("#### Danger / worry statements\n\nSee “Danger statements and safety goals” below.", md);
        Assert.Contains("#### Safety / wellbeing goals\n\nSee “Danger statements and safety goals” below.", md);
        Assert.Contains("#### Next steps\n\nSee “Next steps” below.", md);
        // Nothing below for harm or the other categories: those still say so.
        Assert.Contains("#### Harm\n\nNothing recorded.", md);
        Assert.Contains("See DANGER STATEMENTS AND SAFETY GOALS below.", Txt(record));
        var family = Family(record);
        Assert.Contains("### What we are worried could happen if nothing changes\n\nSee “What we are worried could happen if nothing changes” below.", family);
        Assert.Contains("### What happens next, and who will do it\n\nSee “Who will do what, and by when” below.", family);
        Assert.Contains("### What has happened\n\nNothing was written here.", family);
    }

    static readonly IMeetingEvent[] RevealedRound =
    [
        new ScalingGroupSet(Given.Sam.Id, ScalingGroup.FamilyAndNetwork, Given.Iro, T(3)),
        new RoundStarted("r1", "How safe?", "Safe enough to close.", "Cannot live at home.", null, Given.Iro, T(4)),
        new ScoreGiven("r1", 1, 4, "Some worry", "Jordan stops drinking", Given.Sam, T(5)),
        new RoundPassed("r1", 1, Given.Teacher, T(5)),
        new ScoreRecordedFor("r1", 1, "tom", "Tom", "Grandfather", ScalingGroup.FamilyAndNetwork, 8, "Sam copes", null, Given.Iro, T(6)),
        new RoundRevealed("r1", 1, Given.Iro, T(7)),
    ];

    [Fact]
    public void A_revealed_run_shows_each_person_with_group_score_or_pass_reason_and_who_entered_it()
    {
        var record = Record(RevealedRound);
        var round = Assert.Single(Section<ScalingSection>(record).Rounds);
        Assert.Equal(("Safe enough to close.", "Cannot live at home."), (round.TenMeans, round.ZeroMeans));
        var run = Assert.Single(round.Runs);
        Assert.True(run.Revealed);
        Assert.Equal(T(7), run.RevealedAt);
        Assert.Equal((6m, 4, 8, 1), (run.Median!.Value, run.Lowest!.Value, run.Highest!.Value, run.PassedCount!.Value));

        Assert.Equal(["Sam", "Ms Okafor", "Tom"], run.Scores.Select(s => s.Name));
        Assert.Equal([ScalingGroup.FamilyAndNetwork, ScalingGroup.Professional, ScalingGroup.FamilyAndNetwork], run.Scores.Select(s => s.Group));
        Assert.Equal([4, null, 8], run.Scores.Select(s => s.Score));
        Assert.True(run.Scores[1].Passed);
        Assert.Equal("Jordan stops drinking", run.Scores[0].OneHigher);
        Assert.Equal([false, false, true], run.Scores.Select(s => s.EnteredByFacilitator));

        var md = Md(record);
        // 10 always comes before 0.
        Assert.True(md.IndexOf("**10 means:**", StringComparison.Ordinal) < md.IndexOf("**0 means:**", StringComparison.Ordinal));
        Assert.Contains("- **Ms Okafor** (Maya's class teacher), professional: passed", md);
        Assert.Contains("Median 6, range 4 to 8.", md);
        Assert.Contains("entered by Alex (IRO) on their behalf", md);
        Assert.Contains("- Tom (Grandfather), family and network: 8 (entered by", Txt(record));
    }

    [Fact]
    public void A_run_not_revealed_shows_no_score_or_reason_in_any_format()
    {
        // The facilitator makes the record mid-round: the scores given so far stay hidden.
        var record = Record([.. RevealedRound,
            new RoundRerun("r1", 2, Given.Iro, T(8)),
            new ScoreGiven("r1", 2, 9, "SECRET-REASON", "SECRET-HIGHER", Given.Sam, T(9)),
            new ScoreRecordedFor("r1", 2, "tom", "Tom", "Grandfather", ScalingGroup.FamilyAndNetwork, 1, "SECRET-TOM", null, Given.Iro, T(9))]);

        var run = Section<ScalingSection>(record).Rounds[0].Runs[1];
        Assert.False(run.Revealed);
        Assert.Empty(run.Scores);
        Assert.Null(run.Median);
        foreach (var output in new[] { Md(record), Txt(record), Family(record), Json(record) })
        {
            Assert.DoesNotContain("SECRET", output);
            Assert.DoesNotContain(": 9", output);
        }
        Assert.Contains("Not revealed.", Md(record));
        Assert.Contains("The numbers were not shown this time", Family(record));
    }

    [Fact]
    public void A_round_about_a_danger_statement_names_it_in_the_meetings_wording()
    {
        var record = Record(
            new WordingChosen(Wording.SignsOfSuccess, Given.Iro, T(2)),
            new DangerStatementAdded("s1", "We worry about drinking.", Parts, Given.Iro, T(3)),
            new RoundStarted("r1", "How safe?", "Ten.", "Zero.", "s1", Given.Iro, T(4)));
        var round = Assert.Single(Section<ScalingSection>(record).Rounds);
        Assert.Equal((1, "Worry statement 1", "We worry about drinking."), (round.DangerStatementNumber!.Value, round.DangerStatementName!, round.DangerStatement!));
        Assert.Contains("- **About:** worry statement 1, “We worry about drinking.”", Md(record));
        Assert.Contains("About worry statement 1: We worry about drinking.", Txt(record));
    }

    [Fact]
    public void The_decision_shows_the_latest_wording_and_each_persons_latest_view()
    {
        var record = Record(
            new DecisionRecorded("A plan for neglect", Given.Iro, T(3)),
            new ViewOnDecisionRecorded(Given.Sam, true, null, false, Given.Sam, T(4)),
            new DecisionRecorded("A plan for emotional abuse", Given.Iro, T(5)),
            new ViewOnDecisionRecorded(Given.Sam, true, null, false, Given.Sam, T(6)),
            new ViewOnDecisionRecorded(Given.Teacher, true, null, true, Given.Iro, T(6)),
            new ViewOnDecisionRecorded(Given.Sam, false, "Jordan has left", false, Given.Sam, T(7)));

        var d = Section<DecisionSection>(record);
        Assert.Equal("A plan for emotional abuse", d.Text);
        Assert.Equal([("Sam", false, "Jordan has left", false), ("Ms Okafor", true, null, true)],
            d.Views.Select(v => (v.Person.Name, v.Agrees, v.Reason, v.RecordedByFacilitator)));
        Assert.Contains("- Sam (Mother): disagrees — Jordan has left", Md(record));
        Assert.Contains("- Ms Okafor (Maya's class teacher): agrees (recorded by the facilitator)", Txt(record));
        var family = Family(record);
        Assert.Contains("## What was decided\n\nA plan for emotional abuse", family);
        Assert.Contains("- Sam did not agree: Jordan has left", family);
        Assert.Contains("\"kind\": \"decision\"", Json(record));
        Assert.Empty(Record().Sections.OfType<DecisionSection>());
    }

    [Fact]
    public void Facilitation_shows_stages_reached_questions_co_facilitators_and_roles()
    {
        var record = Record(
            new StageStarted("purpose", Given.Iro, T(3)),
            new StageStarted("decision", Given.Iro, T(4)),
            new StageStarted("purpose", Given.Iro, T(5)),
            new StageSkipped("plan", true, Given.Iro, T(5)),
            new QuestionAsked("q1", "purpose", "Who helps?", Given.Teacher, T(6)),
            new CoFacilitatorAdded("acc-kim", "Kim", Given.Iro, T(7)),
            new SupervisionRoleGiven(Given.Sam.Id, SupervisionRole.Presenter, Given.Iro, T(8)));

        var f = Section<FacilitationSection>(record);
        Assert.Equal([T(3), T(5)], f.Stages.Single(s => s.Id == "purpose").StartedAt);
        Assert.Empty(f.Stages.Single(s => s.Id == "family-and-network").StartedAt);
        Assert.True(f.Stages.Single(s => s.Id == "plan").Skipped);
        var q = Assert.Single(f.Questions);
        Assert.Equal(("Who helps?", "Ms Okafor", "Purpose, agenda and confidentiality"), (q.Text, q.Author.Name, q.StageTitle));
        Assert.Equal("Kim", Assert.Single(f.CoFacilitators).Name);
        Assert.Equal(("Sam", SupervisionRole.Presenter), (Assert.Single(f.Roles).Person.Name, f.Roles[0].Role));

        var md = Md(record);
        Assert.Contains("- Purpose, agenda and confidentiality — reached at 10:03, again at 10:05", md);
        Assert.Contains("- Family and network — not reached", md);
        Assert.Contains("- Plan — skipped", md);
        Assert.Contains("made Sam (Mother) the presenter.", md);
        Assert.Contains("Ms Okafor (Maya's class teacher) asked: “Who helps?”", md);
        var family = Family(record);
        Assert.Contains("We talked about these things, in this order:", family);
        Assert.DoesNotContain("Family and network", family);
    }

    [Fact]
    public void An_item_added_anonymously_keeps_its_author_for_professionals_and_says_Anonymous_to_the_family()
    {
        var record = Record(
            new AnonymousRoundStarted(Given.Iro, T(3)),
            new ItemAdded("i1", Category.ComplicatingFactors, "Money is tight", Given.Sam, T(4)),
            new ItemAddedAnonymously("i1", T(4)),
            new AnonymousRoundEnded(Given.Iro, T(5)));
        var item = Section<MapSection>(record).Columns.SelectMany(c => c.Categories).SelectMany(c => c.Items).Single();
        Assert.True(item.Anonymous);
        Assert.Contains("Money is tight — *Sam (Mother), 10:04, added in an anonymous round*", Md(record));
        var family = Family(record);
        Assert.Contains("Money is tight — *Anonymous*", family);
        Assert.DoesNotContain("Money is tight — *Sam", family);
    }
}
