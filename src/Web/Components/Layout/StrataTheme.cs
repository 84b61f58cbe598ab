using MudBlazor;

namespace Strata.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with the colours that miss WCAG AA's 4.5:1 text contrast replaced: the light error red
/// (3.7:1 on white, used by Revoke and Empty trash), the dark primary (3.0:1 on the dark surface, used by links
/// and the active menu entry) and the dark secondary text (sizes and kinds under tiles).
/// </summary>
public static class StrataTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight { Error = "#d32f2f" },
        PaletteDark = new PaletteDark { Primary = "#a59ef2", TextSecondary = "rgba(255,255,255,0.7)" },
    };
}
