using MeetingBoard.Board;

namespace MeetingBoard.Records;

/// <summary>
/// The timeline's sentences, shared by Markdown and plain text. <paramref name="literal"/> turns
/// what people typed into the target format's literal text (escaped for Markdown, as is for text).
/// </summary>
public static class RecordSentences
{
    public const string NeedsSignOff = "needs manager sign-off";
    public const string NoSignOff = "does not need manager sign-off";

    public static string Person(RecordPerson? p, Func<string, string> literal) =>
        p is null ? "Someone" : p.Role.Length == 0 ? literal(p.Name) : $"{literal(p.Name)} ({literal(p.Role)})";

    public static string Category(Category? c) => c is { } category ? Map.Info(category).Title : "the map";

    public static string Describe(HistoryEntry h, Func<string, string> literal)
    {
        var by = Person(h.By, literal);
        var subject = Person(h.Subject, literal);
        var text = h.Text is null ? "an item" : $"“{literal(h.Text)}”";
        return h.Kind switch
        {
            HistoryKind.MeetingStarted => $"{by} started the meeting.",
            HistoryKind.AskedToJoin => $"{subject} asked to join.",
            HistoryKind.Admitted => $"{by} let {subject} in.",
            HistoryKind.Declined => $"{by} did not let {subject} in.",
            HistoryKind.Removed => $"{by} removed {subject} from the meeting.",
            HistoryKind.ItemAdded => $"{by} added to {Category(h.Category)}: {text}",
            HistoryKind.ItemChanged => $"{by} changed an item in {Category(h.Category)} to: {text}",
            HistoryKind.ItemMoved => $"{by} moved {text} from {Category(h.FromCategory)} to {Category(h.Category)}.",
            HistoryKind.ItemRemoved => $"{by} removed from {Category(h.Category)}: {text}",
            HistoryKind.MeetingClosed => h.Note is { } idle ? $"The meeting was closed automatically after {idle} hours with no change." : $"{by} closed the meeting.",
            HistoryKind.ScalingRoundStarted => $"{by} started a scaling round: {text}",
            HistoryKind.ScoresRevealed => $"{by} revealed the scores of the scaling round {text} (run {h.Note}).",
            HistoryKind.ScalingRoundRunAgain => $"{by} ran the scaling round {text} again (run {h.Note}).",
            HistoryKind.ScalingRoundClosed => $"{by} closed the scaling round {text}.",
            HistoryKind.StatementAdded or HistoryKind.GoalAdded => $"{by} added a {Word(h)}: {text}",
            HistoryKind.StatementChanged or HistoryKind.GoalChanged => $"{by} changed a {Word(h)} to: {text}",
            HistoryKind.StatementRemoved or HistoryKind.GoalRemoved => $"{by} removed a {Word(h)}: {text}",
            HistoryKind.DisagreementRecorded => $"{by} wrote down where the family disagrees with a {h.Note}: {text}",
            HistoryKind.HarmRecorded => $"{by} added to the harm matrix: {text}",
            HistoryKind.HarmRemoved => $"{by} removed from the harm matrix: {text}",
            HistoryKind.NextStepAdded => $"{by} added a next step for {literal(h.Note ?? "")}: {text}",
            HistoryKind.NextStepStatusChanged => $"{by} marked a next step “{literal(h.Note ?? "")}”: {text}",
            HistoryKind.NextStepSignOffChanged => $"{by} marked a next step “{literal(h.Note ?? "")}”: {text}",
            HistoryKind.NextStepRemoved => $"{by} removed a next step: {text}",
            HistoryKind.StageStarted => $"{by} moved the meeting to the stage “{literal(h.Note ?? "")}”.",
            HistoryKind.QuestionAsked => $"{by} asked: {text}",
            HistoryKind.CoFacilitatorAdded => $"{by} made {literal(h.Note ?? "")} a co-facilitator.",
            HistoryKind.RoleGiven => $"{by} made {subject} {(h.Note ?? "").ToLowerInvariant() switch { "group" => "part of the group", var r => "the " + r }}.",
            HistoryKind.DecisionRecorded => $"{by} recorded the decision: {text}",
            HistoryKind.ViewOnDecisionRecorded => (h.By?.Id == h.Subject?.Id && h.By?.Kind == h.Subject?.Kind ? $"{subject} {h.Note} with the decision" : $"{by} recorded that {subject} {h.Note} with the decision")
                + (h.Text is null ? "." : $": {text}"),
            HistoryKind.StartedFromLastMeeting => $"{by} started this meeting from the meeting of {h.Note}: its statements, goals, safety, strengths and next steps.",
            HistoryKind.CarriedStepReviewed => $"{by} marked a next step from the last meeting “{literal(h.Note ?? "")}”: {text}",
            HistoryKind.PreparedQuestionShown => $"{by} showed everyone the question: {text}",
            HistoryKind.TrajectoryShown => $"{by} showed on the room screen how the scaling has moved: {text}",
            _ => InMeetingSections.Sentence(h, by, text, literal) ?? $"{by} made a change.",
        };
    }

    // The meeting's own word ("Danger statement", "Wellbeing goal"), lower-cased inside a sentence.
    static string Word(HistoryEntry h) => (h.Note ?? "statement").ToLowerInvariant();

    public static string Standing(Attendee a, RecordTimes times) => a.Standing switch
    {
        AttendeeStanding.Facilitator => "led the meeting",
        AttendeeStanding.TookPart => $"let in at {times.Time(a.AdmittedAt ?? a.AskedAt)}",
        AttendeeStanding.Waiting => $"asked to join at {times.Time(a.AskedAt)}, still waiting",
        AttendeeStanding.Declined => $"asked to join at {times.Time(a.AskedAt)}, not let in ({times.Time(a.DeclinedAt ?? a.AskedAt)})",
        AttendeeStanding.Removed => a.AdmittedAt is { } admitted
            ? $"let in at {times.Time(admitted)}, removed at {times.Time(a.LeftAt ?? admitted)}"
            : $"removed at {times.Time(a.LeftAt ?? a.AskedAt)}",
        _ => "",
    };
}
