using MudBlazor;

namespace Strata.Web.Components.Layout;

/// <summary>
/// MudBlazor's palette with the colours that miss WCAG AA's 4.5:1 text contrast replaced: the light error red
/// (3.7:1 on white, used by Revoke and Empty trash), the dark primary (3.0:1 on the dark surface, used by links
/// and the active menu entry), with dark text on it for filled buttons (white on the lighter primary is 2.4:1), and
/// the dark secondary text (sizes and kinds under tiles).
/// </summary>
public static class StrataTheme
{
    public static MudTheme Value { get; } = Create(scope: ":root");

    /// <summary>
    /// The same theme for pages without a circuit (a public link's), whose theme a script switches: rendered dark, its
    /// colours apply only while the page's <c>.strata-themed</c> element says <c>data-theme="dark"</c>.
    /// </summary>
    public static MudTheme DarkWhenChosen { get; } = Create(scope: ":root:has(.strata-themed[data-theme=dark])");

    private static MudTheme Create(string scope) => new()
    {
        PaletteLight = new PaletteLight { Error = "#d32f2f" },
        PaletteDark = new PaletteDark { Primary = "#a59ef2", PrimaryContrastText = "rgba(0,0,0,0.87)", TextSecondary = "rgba(255,255,255,0.7)" },
        PseudoCss = new PseudoCss { Scope = scope },
    };
}
