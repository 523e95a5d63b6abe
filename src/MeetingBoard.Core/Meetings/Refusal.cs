namespace MeetingBoard.Meetings;

/// <summary>
/// Why a command was not carried out, in words for the person who sent it.
/// <see cref="Field"/> names the form field the message belongs beside, or is empty for the whole form.
/// </summary>
public sealed record Refusal(string Field, string Message, RefusalKind Kind = RefusalKind.Invalid);

public enum RefusalKind
{
    /// <summary>The input was wrong: say so beside the field.</summary>
    Invalid,
    /// <summary>The caller may not do this.</summary>
    Forbidden,
    /// <summary>The thing named does not exist (or no longer does).</summary>
    NotFound,
    /// <summary>The meeting is in a state that does not allow it (closed, for instance).</summary>
    Conflict,
}
