using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Everything a meeting's components need to render for one person. <see cref="State"/> is their
/// audience's view of the meeting (<see cref="AudienceViews"/>), shared with everyone in that audience;
/// <see cref="MyScore"/> is the one thing of their own that no one else's view holds.
/// </summary>
public sealed record MeetingView(MeetingState State, Viewer Viewer, IReadOnlySet<string> Connected, MeetingClock Clock)
{
    /// <summary>This person's own answer in the round in progress, before the reveal.</summary>
    public PersonScore? MyScore { get; init; }
    public bool IsFacilitator => Viewer.Audience == Audience.Facilitator;
    public bool IsRoomScreen => Viewer.Audience == Audience.RoomScreen;
    public bool CanAdd => !State.IsClosed && Viewer.Audience is Audience.Facilitator or Audience.Participant;
    public string MeetingUrl => $"/m/{State.Id}";
}

/// <summary>
/// What each audience may see of a meeting, computed once per version and shared by every circuit of
/// that audience. A circuit's components are given this, never the whole state, so what its person may
/// not see is not in its component tree and cannot reach their browser in a render batch:
/// nobody's score or reason before the reveal (the facilitator's included), nobody's join secret, and
/// for participants and the room screen no one waiting in the lobby or declined, no room-screen key,
/// and no author of an item added in an anonymous round.
/// </summary>
public static class AudienceViews
{
    sealed class Views
    {
        public MeetingState? Facilitator, Others;
    }

    static readonly ConditionalWeakTable<MeetingState, Views> Cache = new();

    /// <summary>Someone who stays anonymous: the author shown for an anonymous item outside the facilitators' view.</summary>
    public static readonly Actor Anonymous = Actor.Participant("anonymous");

    public static MeetingState For(MeetingState state, Audience audience)
    {
        var views = Cache.GetValue(state, _ => new Views());
        return audience == Audience.Facilitator
            ? views.Facilitator ??= Project(state, facilitator: true)
            : views.Others ??= Project(state, facilitator: false);
    }

    /// <summary>A person's own answer in the round in progress, from the whole state.</summary>
    public static PersonScore? MyScore(MeetingState state, Viewer viewer) =>
        viewer.Actor is { } actor && state.Scaling.Current is { Attempt.IsRevealed: false } round ? round.Attempt.Of(actor.Key) : null;

    // Each part is projected once for the part it comes from, so a version that did not change it (most are an item
    // added or changed) keeps the same object: a component that shows no item can tell it has nothing new to show
    // (Features/Shared/MeetingPart.cs), and nothing is copied again for every version.
    static readonly ConditionalWeakTable<ImmutableList<Participant>, ImmutableList<Participant>> ParticipantsForFacilitators = new();
    static readonly ConditionalWeakTable<ImmutableList<Participant>, ImmutableList<Participant>> ParticipantsForOthers = new();
    static readonly ConditionalWeakTable<ScalingState, ScalingState> ScalingBeforeTheReveal = new();

    static MeetingState Project(MeetingState state, bool facilitator)
    {
        var participants = (facilitator ? ParticipantsForFacilitators : ParticipantsForOthers).GetValue(state.Participants, all => all
            .Where(p => facilitator || p.Status is ParticipantStatus.Admitted or ParticipantStatus.Removed)
            .Select(p => p with { SecretHash = "" })
            .ToImmutableList());
        var scaling = ScalingBeforeTheReveal.GetValue(state.Scaling, whole => whole with
        {
            Rounds = whole.Rounds.Select(r => r with
            {
                Attempts = r.Attempts.Select(a => a.IsRevealed ? a : a with
                {
                    Scores = a.Scores.Select(s => s with { Score = null, Reason = null, OneHigher = null }).ToImmutableList(),
                }).ToImmutableList(),
            }).ToImmutableList(),
        });
        var projected = state with { Participants = participants, Scaling = scaling };
        if (facilitator) return projected;
        var anonymous = state.Facilitation.AnonymousItemIds;
        return projected with
        {
            ScreenKey = "",
            // The child's words stay with the facilitators until they show them to the room.
            ThreeHouses = state.ThreeHouses.Shown ? state.ThreeHouses : MeetingBoard.Practice.ThreeHousesState.Empty,
            FamilysWordsItemIds = anonymous.IsEmpty ? state.FamilysWordsItemIds : state.FamilysWordsItemIds.Except(anonymous),
            Items = anonymous.IsEmpty ? state.Items
                : state.Items.Select(i => anonymous.Contains(i.Id) ? i with { Author = Anonymous } : i).ToImmutableList(),
        };
    }
}

/// <summary>Shows times in the meeting's local time zone (configurable; default Europe/London).</summary>
public sealed class MeetingClock(TimeZoneInfo zone, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public TimeZoneInfo Zone => zone;
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
    public string Time(DateTimeOffset at) => Local(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    public string DateAndTime(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
