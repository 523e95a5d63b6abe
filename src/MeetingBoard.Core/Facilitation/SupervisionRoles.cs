namespace MeetingBoard.Facilitation;

/// <summary>
/// Who does what in a group supervision (DOMAIN.md): one presenter brings the case, advisors help
/// the facilitator, the rest of the team are the group. Stored by number: never reorder.
/// </summary>
public enum SupervisionRole
{
    Group = 1,
    Presenter = 2,
    Advisor = 3,
}

public static class SupervisionRoles
{
    public static string Name(SupervisionRole role) => role switch
    {
        SupervisionRole.Presenter => "Presenter",
        SupervisionRole.Advisor => "Advisor",
        _ => "Group",
    };

    public static SupervisionRole? Parse(string? value) =>
        Enum.TryParse<SupervisionRole>(value?.Trim(), ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
}
