using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>Stored in events by number: never reorder.</summary>
public enum NextStepStatus
{
    NotStarted = 1,
    InProgress = 2,
    Done = 3,
}

public sealed record Disagreement(string View, Actor By, DateTimeOffset At);

public sealed record DangerStatement(
    string Id, string Sentence, DangerParts Parts, Actor Author, DateTimeOffset AddedAt, DateTimeOffset? EditedAt,
    ImmutableList<Disagreement> Disagreements);

public sealed record SafetyGoal(string Id, string StatementId, string Sentence, GoalParts Parts, Actor Author, DateTimeOffset AddedAt, DateTimeOffset? EditedAt);

public sealed record HarmEntry(
    string Id, string Behaviour, string HowLong, string HowOften, string First, string Worst, string Last, string Impact,
    Actor Author, DateTimeOffset AddedAt);

public sealed record NextStep(
    string Id, string? ParticipantId, string PersonName, string Action, DateOnly Due, NextStepStatus Status,
    Actor Author, DateTimeOffset AddedAt, DateTimeOffset? ChangedAt, bool NeedsSignOff = false);

/// <summary>The structured part of a meeting's map: statements with their goals, the harm matrix, the plan.</summary>
public sealed record PracticeState
{
    public static readonly PracticeState Empty = new();

    public Wording Wording { get; init; } = Wording.SignsOfSafety;
    public ImmutableList<DangerStatement> Statements { get; init; } = [];
    public ImmutableList<SafetyGoal> Goals { get; init; } = [];
    public ImmutableList<HarmEntry> Harm { get; init; } = [];
    public ImmutableList<NextStep> Steps { get; init; } = [];
    /// <summary>Every id ever used, so that a late retry of an add cannot bring a removed entry back.</summary>
    public ImmutableHashSet<string> UsedIds { get; init; } = [];

    public Vocabulary Words => Vocabulary.For(Wording);

    public DangerStatement? FindStatement(string id) => Statements.Find(s => s.Id == id);
    public SafetyGoal? FindGoal(string id) => Goals.Find(g => g.Id == id);
    public NextStep? FindStep(string id) => Steps.Find(s => s.Id == id);
    public IEnumerable<SafetyGoal> GoalsFor(string statementId) => Goals.Where(g => g.StatementId == statementId);

    /// <summary>The statement's number as shown ("Danger statement 2"), so goals and rounds can name it.</summary>
    public int NumberOf(string statementId) => Statements.FindIndex(s => s.Id == statementId) + 1;

    /// <summary>
    /// How a list names a statement: its number and its worry (the behaviour people are worried about),
    /// never its first words, which can be the optional opener about the safety already in place.
    /// </summary>
    public string NameOf(DangerStatement statement, int maxLength = 60)
    {
        var worry = statement.Parts.Behaviour.ReplaceLineEndings(" ").Trim();
        if (worry.Length > maxLength)
        {
            // Cut at a word's end where there is one in the second half.
            var cut = worry[..(maxLength - 1)];
            var space = cut.LastIndexOf(' ');
            worry = (space > maxLength / 2 ? cut[..space] : cut).TrimEnd(' ', ',', ';', ':') + "…";
        }
        return $"{Words.DangerStatement} {NumberOf(statement.Id)}: {worry}";
    }
}

public static class NextStepStatuses
{
    public static string Name(NextStepStatus status) => status switch
    {
        NextStepStatus.NotStarted => "Not started",
        NextStepStatus.InProgress => "In progress",
        NextStepStatus.Done => "Done",
        _ => "Not started",
    };

    public static NextStepStatus? Parse(string? value) =>
        Enum.TryParse<NextStepStatus>(value?.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
}
