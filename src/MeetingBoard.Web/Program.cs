using MeetingBoard.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeetingBoard();

var app = builder.Build();
await app.MapMeetingBoardAsync();
app.Run();

public partial class Program;
