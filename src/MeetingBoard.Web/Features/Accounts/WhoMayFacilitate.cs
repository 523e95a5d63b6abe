namespace MeetingBoard.Web.Features.Accounts;

/// <summary>What a provider said about the person who signed in, read from its ID token.</summary>
public sealed record ProviderPerson(string? Subject, string? Name, string? Email, bool EmailVerified, IReadOnlyList<string> Groups, bool GroupsLeftOut);

public enum Access
{
    Allowed,
    /// <summary>Signed in at the provider, but not one of the people the organisation lets facilitate.</summary>
    NotAllowed,
    /// <summary>The provider left out what MeetingBoard needs (the subject or the email): a setting to fix, not a person to refuse.</summary>
    Incomplete,
}

/// <summary>
/// The organisation's rule for who may run meetings: an email domain on its list and/or a group or
/// role on its list; with both lists, both must match. An email the provider marks unverified
/// matches no domain (anyone can type any address into some providers' profiles).
/// </summary>
public static class WhoMayFacilitate
{
    public static Access Decide(ProviderOptions rules, ProviderPerson person)
    {
        if (string.IsNullOrWhiteSpace(person.Subject) || string.IsNullOrWhiteSpace(person.Email)) return Access.Incomplete;
        if (rules.AllowEveryone && rules.AllowedEmailDomains.Length == 0 && rules.AllowedGroups.Length == 0) return Access.Allowed;
        var domainOk = rules.AllowedEmailDomains.Length == 0 || (person.EmailVerified && rules.AllowedEmailDomains.Any(d => InDomain(person.Email, d)));
        var groupOk = rules.AllowedGroups.Length == 0 || person.Groups.Any(g => rules.AllowedGroups.Contains(g, StringComparer.OrdinalIgnoreCase));
        return domainOk && groupOk && (rules.AllowedEmailDomains.Length > 0 || rules.AllowedGroups.Length > 0) ? Access.Allowed : Access.NotAllowed;
    }

    /// <summary>"sam@northshire.gov.uk" is in "northshire.gov.uk"; "sam@evil-northshire.gov.uk" and "sam@northshire.gov.uk.evil.org" are not.</summary>
    static bool InDomain(string email, string domain)
    {
        var at = email.LastIndexOf('@');
        var d = domain.Trim().TrimStart('@');
        return at > 0 && d.Length > 0 && string.Equals(email[(at + 1)..], d, StringComparison.OrdinalIgnoreCase);
    }
}
