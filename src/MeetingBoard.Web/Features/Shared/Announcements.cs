using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Scaling;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// What a screen reader is told when a live page changes: worked out from the person's view before and
/// after, so it never says more than their page shows (no author in an anonymous round, no scores before
/// the reveal). Nothing of their own is said back to them, nothing is said when the page opens, and a
/// burst is one message, not many.
/// </summary>
public static class Announcements
{
    /// <summary>More new items than this at once are summed up ("10 new items on the board.").</summary>
    const int ItemsSaidOneByOne = 3;

    /// <param name="mine">Items this person added from this page (an anonymous item names nobody, so its author is known only here).</param>
    public static string? Between(MeetingView before, MeetingView after, IReadOnlySet<string> mine)
    {
        if (after.IsRoomScreen || before.State.Id != after.State.Id) return null;
        var (was, now) = (before.State, after.State);
        var me = after.Viewer.Actor;
        var said = new List<string>();

        if (!was.IsClosed && now.IsClosed) said.Add("The meeting has closed. The board can no longer be changed.");

        if (now.CurrentStage() is { } stage && stage.Id != was.Facilitation.CurrentStageId)
        {
            var running = now.Stages().Where(s => !s.Skipped).ToList();
            said.Add($"Stage {running.IndexOf(stage) + 1} of {running.Count}: {stage.Title}.");
        }

        var known = was.Items.Select(i => i.Id).ToHashSet();
        var added = now.Items.Where(i => !known.Contains(i.Id) && !mine.Contains(i.Id) && i.Author != me).ToList();
        if (added.Count > ItemsSaidOneByOne) said.Add($"{added.Count} new items on the board.");
        else
            foreach (var item in added)
            {
                var category = now.Practice.Words.Info(item.Category).Title;
                said.Add(now.Facilitation.AnonymousItemIds.Contains(item.Id) && !after.IsFacilitator
                    ? $"Added anonymously to {category}: {item.Text}"
                    : $"{Who(now, item.Author)} added to {category}: {item.Text}");
            }

        var statements = was.Practice.Statements.Select(s => s.Id).ToHashSet();
        foreach (var s in now.Practice.Statements.Where(s => !statements.Contains(s.Id) && s.Author != me))
            said.Add($"New {now.Practice.Words.DangerStatement.ToLowerInvariant()} from {Who(now, s.Author)}: {s.Sentence}");
        var goals = was.Practice.Goals.Select(g => g.Id).ToHashSet();
        foreach (var g in now.Practice.Goals.Where(g => !goals.Contains(g.Id) && g.Author != me))
            said.Add($"New {now.Practice.Words.SafetyGoal.ToLowerInvariant()} from {Who(now, g.Author)}: {g.Sentence}");

        if (now.Scaling.Current is { } round)
        {
            var old = was.Scaling.Find(round.Id);
            if (!round.Attempt.IsRevealed && (old is null || old.Attempt.Number != round.Attempt.Number))
                said.Add($"Scaling has started: {round.Question} Give your number and why.");
            if (round.Attempt.IsRevealed && old is { Attempt.IsRevealed: false })
                said.Add(Reveal(round.Attempt));
        }

        if (now.Facilitation.SpotlightItemId is { } spot && spot != was.Facilitation.SpotlightItemId && now.FindItem(spot) is { } lit)
            said.Add($"In the spotlight: {lit.Text}");

        if (now.Facilitation.Turns is { Speaker: { } speaker } turns
            && (was.Facilitation.Turns?.Speaker != speaker || was.Facilitation.Turns.Current != turns.Current))
            said.Add(speaker == me ? "It is your turn. Say what you think, or pass." : $"Now speaking: {Who(now, speaker)}");

        return said.Count == 0 ? null : string.Join(" ", said);
    }

    static string Reveal(ScalingAttempt attempt)
    {
        var s = ScalingSummary.Of(attempt);
        var what = s.Median is { } median
            ? $"median {Scorecard.Number(median)}, lowest {s.Lowest}, highest {s.Highest}, {s.Count} {(s.Count == 1 ? "score" : "scores")}"
            : "everyone passed";
        return $"Scores revealed: {what}. Everyone's scores and reasons are in the tables.";
    }

    static string Who(MeetingState state, Actor actor)
    {
        var (name, role) = state.Describe(actor);
        return string.IsNullOrEmpty(role) ? name : $"{name} ({role})";
    }
}
