using MudBlazor;
using Strata.Web.Components.Layout;

namespace Strata.Web.Files;

/// <summary>The folder view's list or grid: remembered per browser, with as many columns as the window has room for.</summary>
internal sealed class ListingLayout(BrowserPreferences preferences, IBrowserViewportService viewport)
{
    /// <summary>The height of a row of the list, which Virtualize needs fixed (app.css).</summary>
    public const int RowHeight = 40;

    public bool Grid { get; private set; }

    public int Columns { get; private set; } = 4;

    /// <summary>The listing's rows as listing.js measures them: tiles in the grid, rows under a sticky header in the list.</summary>
    public ListingScript.Geometry Geometry => Grid ? new(FolderGrid.TileHeight, Columns, 0) : new(RowHeight, 1, RowHeight);

    /// <summary>The grid, if this browser chose it last time.</summary>
    public async Task RestoreAsync()
    {
        if (await preferences.GetAsync("view") == "grid")
        {
            await SetGridAsync(true);
        }
    }

    /// <summary>The column count follows the window width at the time.</summary>
    public async Task SetGridAsync(bool grid)
    {
        if (grid)
        {
            var window = await viewport.GetCurrentBrowserWindowSizeAsync();
            Columns = GridColumns(window.Width);
        }

        Grid = grid;
        await preferences.SetAsync("view", grid ? "grid" : "list");
    }

    /// <summary>A rotated phone or resized window: whether the grid's rows must be re-cut.</summary>
    public bool Resize(BrowserViewportEventArgs args)
    {
        var columns = GridColumns(args.BrowserWindowSize.Width);
        if (!Grid || columns == Columns)
        {
            return false;
        }

        Columns = columns;
        return true;
    }

    /// <summary>Tiles of at least 140 px in the content area (the navigation drawer takes 240 px from 960 px up).</summary>
    internal static int GridColumns(int windowWidth) =>
        Math.Clamp((windowWidth - (windowWidth >= 960 ? 240 : 0) - 40) / 140, 2, 12);
}
