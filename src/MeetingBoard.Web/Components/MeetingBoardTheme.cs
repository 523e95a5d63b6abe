using MudBlazor;

namespace MeetingBoard.Web.Components;

/// <summary>
/// The one theme of every page. MudBlazor's default fails colour contrast (its info and secondary
/// colours are 3.3–3.8:1); every colour here gives its text 4.5:1 or more on white and on its own
/// light tint. System fonts only: a font CDN would fail without internet and tell a third party who
/// uses the app.
/// </summary>
public static class MeetingBoardTheme
{
    public const string Fonts = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b3a5c",          // 11.6:1 with white
            PrimaryDarken = "#122a43",
            PrimaryLighten = "#2b5582",
            Secondary = "#5b3a84",        // 8.5:1
            SecondaryDarken = "#462c67",
            SecondaryLighten = "#6d4a99",
            Tertiary = "#1f5f4a",         // 7.4:1
            Info = "#0b5394",             // 7.5:1
            InfoDarken = "#083f71",
            InfoLighten = "#1565ad",
            Success = "#1e5e20",          // 7.7:1
            SuccessDarken = "#164718",
            SuccessLighten = "#2a7a2d",
            Warning = "#8a4500",          // 6.4:1
            WarningDarken = "#6b3600",
            WarningLighten = "#a35200",
            Error = "#a4161a",            // 7.6:1
            ErrorDarken = "#7f1114",
            ErrorLighten = "#bf1d22",
            Dark = "#2b2b2b",
            TextPrimary = "#1b1b1b",
            TextSecondary = "#4a4a4a",    // 8.9:1
            TextDisabled = "#6b6b6b",     // 5.3:1
            ActionDefault = "#4a4a4a",
            ActionDisabled = "#6b6b6b",
            Background = "#ffffff",
            BackgroundGray = "#f3f4f6",
            Surface = "#ffffff",
            AppbarBackground = "#1b3a5c",
            AppbarText = "#ffffff",
            LinesDefault = "#b1b4b6",
            LinesInputs = "#6b6b6b",
            Divider = "#b1b4b6",
            TableLines = "#b1b4b6",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "2rem", FontWeight = "700", LineHeight = "1.2" },
            H2 = new H2Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1.5rem", FontWeight = "700", LineHeight = "1.25" },
            H3 = new H3Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1.25rem", FontWeight = "700", LineHeight = "1.3" },
            H4 = new H4Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1.125rem", FontWeight = "700", LineHeight = "1.3" },
            H5 = new H5Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1rem", FontWeight = "700", LineHeight = "1.4" },
            H6 = new H6Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1rem", FontWeight = "700", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = [.. Fonts.Split(", ")], FontWeight = "600", TextTransform = "none" },
            Body1 = new Body1Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "1rem", LineHeight = "1.5" },
            Body2 = new Body2Typography { FontFamily = [.. Fonts.Split(", ")], FontSize = "0.9375rem", LineHeight = "1.45" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
