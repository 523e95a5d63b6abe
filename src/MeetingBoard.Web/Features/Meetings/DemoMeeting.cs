using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Meetings;

/// <summary>
/// A child protection conference about the fictional family of DOMAIN.md (Maya, Leo, Sam, Jordan, Pat),
/// filled in as if people had joined and contributed, so a new facilitator sees a realistic board.
/// </summary>
public static class DemoMeeting
{
    sealed record Person(string Name, string Role);

    static readonly Person Sam = new("Sam", "Mum");
    static readonly Person Pat = new("Pat", "Grandmother");
    static readonly Person Teacher = new("Ms Okafor", "Maya's class teacher");
    static readonly Person HealthVisitor = new("Ravi", "Health visitor");
    static readonly Person SocialWorker = new("Jo", "Social worker");

    static readonly (Person? By, Category Category, string Text)[] Items =
    [
        (SocialWorker, Category.Harm, "Police were called twice in the last three months after Jordan shouted at and pushed Sam while Maya and Leo were in the room."),
        (Teacher, Category.Harm, "Maya told me she hides under her bed when the shouting starts."),
        (SocialWorker, Category.ComplicatingFactors, "Jordan drinks more at weekends, and the last two incidents were on a Saturday night."),
        (Sam, Category.ComplicatingFactors, "We live in a small flat, so there is nowhere for the children to go when things get loud."),
        (Teacher, Category.ExistingStrengths, "Maya and Leo are well fed and come to school and nursery every day, on time."),
        (Pat, Category.ExistingStrengths, "I live ten minutes away and the children love staying with me."),
        (HealthVisitor, Category.ExistingStrengths, "Sam takes Leo to every health check and asks for advice when she needs it."),
        (Sam, Category.ExistingSafety, "The last time it happened I took the children straight to my mum's (Pat's) house."),
    ];

    public static async Task CreateAsync(MeetingHosts hosts, string meetingId, Actor facilitator, string facilitatorName, string screenKey, DateTimeOffset now)
    {
        var start = now.AddMinutes(-25);
        await hosts.CreateAsync(code => new CreateMeeting(meetingId, nameof(MeetingType.ChildProtectionConference),
            "Review conference (demo)", "Family A (fictional)", facilitatorName, code, screenKey, facilitator, start), null);
        var host = (await hosts.FindAsync(meetingId))!;

        var actors = new Dictionary<Person, Actor>();
        var minute = 1;
        foreach (var person in new[] { SocialWorker, Sam, Pat, Teacher, HealthVisitor })
        {
            var id = MeetingHosts.NewId();
            // Nobody holds these secrets: the demo people exist only on the board.
            var secretHash = ParticipantCookie.Hash(ParticipantCookie.New().Secret);
            await host.ExecuteAsync(new AskToJoin(id, person.Name, person.Role, secretHash, Actor.Participant(id), start.AddMinutes(minute)), null);
            await host.ExecuteAsync(new AdmitParticipant(id, facilitator, start.AddMinutes(minute)), null);
            actors[person] = Actor.Participant(id);
        }
        foreach (var (by, category, text) in Items)
        {
            minute++;
            await host.ExecuteAsync(new AddItem(MeetingHosts.NewId(), ((int)category).ToString(System.Globalization.CultureInfo.InvariantCulture),
                text, by is null ? facilitator : actors[by], start.AddMinutes(minute)), null);
        }

        // The structured parts (Core/Practice): a danger statement with its goal, the harm matrix, the plan.
        var statementId = MeetingHosts.NewId();
        await host.ExecuteAsync(new AddDangerStatement(statementId,
            "Children's services, school and the health visitor are worried that if Jordan keeps shouting at and pushing Sam when the children are there, Maya and Leo could be hurt, and Maya will keep feeling so scared that she hides.",
            "Children's services, school and the health visitor", "Jordan shouts at and pushes Sam when the children are there",
            "Maya is so scared that she hides under her bed", "Maya and Leo could be hurt", null, facilitator, start.AddMinutes(++minute)), null);
        await host.ExecuteAsync(new AddSafetyGoal(MeetingHosts.NewId(), statementId,
            "Maya and Leo will live in a home where the adults sort out disagreements calmly. If an argument starts, one adult will leave before it gets loud, and the children will go to Pat's. Everyone will see this happening for the next six months.",
            "If an argument starts, one adult will leave before it gets loud", "Maya and Leo will go to Pat's and feel safe",
            "The school and health visitor will see calm, settled children", "the next six months", facilitator, start.AddMinutes(++minute)), null);
        await host.ExecuteAsync(new RecordDisagreement(statementId, "Jordan has never hurt the children. It is between us.",
            actors[Sam], start.AddMinutes(++minute)), null);
        await host.ExecuteAsync(new RecordHarm(MeetingHosts.NewId(), "Jordan shouted at and pushed Sam while Maya and Leo were in the room",
            "Three months", "Police were called twice", "In the summer: shouting late at night", "Sam was pushed into a door",
            "Two weeks ago, on a Saturday night", "Maya hides under her bed when the shouting starts", actors[SocialWorker], start.AddMinutes(++minute)), null);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var (who, what, days) in new[]
        {
            (SocialWorker, "Meet Sam and Pat to write a safety plan with them", 7),
            (Pat, "Keep a spare bed ready and her phone on at night", 1),
            (Teacher, "Check in with Maya every Monday and tell Jo if Maya says she is scared", 14),
        })
        {
            var due = today.AddDays(days);
            await host.ExecuteAsync(new AddNextStep(MeetingHosts.NewId(), actors[who].Id, null, what,
                due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), facilitator, start.AddMinutes(++minute)), null);
        }
    }
}
