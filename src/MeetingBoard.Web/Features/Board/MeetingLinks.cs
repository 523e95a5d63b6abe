using MeetingBoard.Meetings;
using QRCoder;

namespace MeetingBoard.Web.Features.Board;

/// <summary>The absolute links of a meeting, for reading aloud, pasting into a chat and scanning.</summary>
public sealed record MeetingLinks(string JoinPageUrl, string JoinUrl, string ScreenUrl, string QrSvg)
{
    public static MeetingLinks For(HttpContext http, MeetingState state)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["MeetingBoard:PublicUrl"];
        var origin = string.IsNullOrWhiteSpace(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : configured.TrimEnd('/');
        var joinUrl = $"{origin}/join/{JoinCode.Display(state.JoinCode)}";
        return new MeetingLinks($"{origin}/join", joinUrl, $"{origin}/m/{state.Id}/screen/{state.ScreenKey}", Qr(joinUrl));
    }

    static string Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
