using Microsoft.Playwright;

namespace MeetingBoard.Web.Tests.Infrastructure;

public static class Joining
{
    /// <summary>On the join details page: gives a name and role, asks to join and waits in the lobby.</summary>
    public static async Task AskToJoinAsync(this IPage phone, string name, string role)
    {
        await phone.GetByLabel("Your name").FillAsync(name);
        await phone.GetByLabel("Your role, or how you know the family").FillAsync(role);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Waiting to be let in" })).ToBeVisibleAsync();
    }
}
