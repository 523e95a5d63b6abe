using MeetingBoard.Meetings;
using QRCoder;

namespace MeetingBoard.Web.Features.Board;

/// <summary>The absolute links of a meeting, for reading aloud, pasting into a chat and scanning.</summary>
public sealed record MeetingLinks(string JoinPageUrl, string JoinUrl, string ScreenUrl, string QrSvg)
{
    /// <param name="pageOrigin">The address the page was opened at, used unless MeetingBoard:PublicUrl is set.</param>
    public static MeetingLinks For(MeetingBoardOptions options, string pageOrigin, MeetingState state)
    {
        var origin = string.IsNullOrWhiteSpace(options.PublicUrl) ? pageOrigin.TrimEnd('/') : options.PublicUrl.TrimEnd('/');
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
