namespace MeetingBoard.Web.Features.Scaling;

/// <summary>
/// The two parts of a revealed attempt's results, made and shared separately: the picture (the line, the
/// summary, the lowest and highest) and the voices (everyone's score and reason), which a large round folds.
/// </summary>
public enum ResultsPart { Picture, Voices }
