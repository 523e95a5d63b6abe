using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Scaling;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// What a screen reader may be told when something appears on a live page. The words travel as
/// data attributes on the element they describe, in the render of that audience, so an announcement
/// never says more than the page already shows it (no author in an anonymous round, no scores before
/// the reveal). The client (Client/main.ts) announces a key only when a patch brings it in.
/// </summary>
/// <remarks>
/// data-mb-announce-key: stable id of what appeared; data-mb-announce: the words;
/// data-mb-announce-person: whose it is — the client says nothing of a person's own things, or says
/// data-mb-announce-self instead when there is one ("It is your turn").
/// </remarks>
public static class Announcements
{
    static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    public static IReadOnlyDictionary<string, object> Item(MeetingView view, BoardItem item)
    {
        if (view.IsRoomScreen) return None;
        var category = view.State.Practice.Words.Info(item.Category).Title;
        var hidden = view.State.Facilitation.AnonymousItemIds.Contains(item.Id) && !view.IsFacilitator;
        var from = hidden ? "Added anonymously to" : $"{Who(view.State, item.Author)} added to";
        // The item's words are not repeated here: the page reads them from the item (.mb-item__text), so
        // the board is not sent twice. An anonymous item carries no owner in a shared render; its
        // author's page recognises it by the text it sent.
        return Of($"item:{item.Id}", $"{from} {category}", hidden ? null : item.Author.Key);
    }

    public static IReadOnlyDictionary<string, object> Statement(MeetingView view, DangerStatement statement) =>
        view.IsRoomScreen ? None
            : Of($"statement:{statement.Id}", $"New {view.State.Practice.Words.DangerStatement.ToLowerInvariant()} from {Who(view.State, statement.Author)}: {statement.Sentence}", statement.Author.Key);

    public static IReadOnlyDictionary<string, object> Goal(MeetingView view, SafetyGoal goal) =>
        view.IsRoomScreen ? None
            : Of($"goal:{goal.Id}", $"New {view.State.Practice.Words.SafetyGoal.ToLowerInvariant()} from {Who(view.State, goal.Author)}: {goal.Sentence}", goal.Author.Key);

    public static IReadOnlyDictionary<string, object> Stage(MeetingView view, Stage stage, int number, int count) =>
        view.IsRoomScreen ? None : Of($"stage:{stage.Id}", $"Stage {number} of {count}: {stage.Title}");

    public static IReadOnlyDictionary<string, object> RoundOpen(MeetingView view, ScalingRound round) =>
        view.IsRoomScreen ? None
            : Of($"round:{round.Id}:{round.Attempt.Number}", $"Scaling has started: {round.Question} Give your number and why.");

    public static IReadOnlyDictionary<string, object> Reveal(MeetingView view, ScalingRound round)
    {
        if (view.IsRoomScreen) return None;
        var s = ScalingSummary.Of(round.Attempt);
        var what = s.Median is { } median
            ? $"median {Scorecard.Number(median)}, lowest {s.Lowest}, highest {s.Highest}, {s.Count} {(s.Count == 1 ? "score" : "scores")}"
            : "everyone passed";
        return Of($"reveal:{round.Id}:{round.Attempt.Number}", $"Scores revealed: {what}. Everyone's scores and reasons are in the tables.");
    }

    public static IReadOnlyDictionary<string, object> Spotlight(MeetingView view, BoardItem item) =>
        view.IsRoomScreen ? None : Of($"spotlight:{item.Id}", $"In the spotlight: {item.Text}");

    public static IReadOnlyDictionary<string, object> Turn(MeetingView view, TurnRound turns, Actor speaker) =>
        view.IsRoomScreen ? None
            : Of($"turn:{turns.Current}:{speaker.Key}", $"Now speaking: {Who(view.State, speaker)}", speaker.Key, "It is your turn. Say what you think, or pass.");

    public static IReadOnlyDictionary<string, object> Closed(MeetingView view) =>
        view.IsRoomScreen ? None : Of("closed", "The meeting has closed. The board can no longer be changed.");

    static string Who(MeetingState state, Actor actor)
    {
        var (name, role) = state.Describe(actor);
        return string.IsNullOrEmpty(role) ? name : $"{name} ({role})";
    }

    static Dictionary<string, object> Of(string key, string text, string? person = null, string? self = null)
    {
        var attributes = new Dictionary<string, object> { ["data-mb-announce-key"] = key, ["data-mb-announce"] = text };
        if (person is not null) attributes["data-mb-announce-person"] = person;
        if (self is not null) attributes["data-mb-announce-self"] = self;
        return attributes;
    }
}
