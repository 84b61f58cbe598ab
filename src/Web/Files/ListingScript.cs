using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Strata.Web.Components;

namespace Strata.Web.Files;

/// <summary>The folder view's side of wwwroot-assets/src/listing.js: the listing's scrolling, keys and thumbnails.</summary>
internal sealed class ListingScript(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private string? _attachedListing;

    /// <summary>The listing's rows as listing.js measures them: tiles in the grid, rows under a sticky header in the list.</summary>
    public readonly record struct Geometry(int RowHeight, int PerRow, int HeadHeight);

    /// <summary>Scrolls the item at <paramref name="index"/> into sight.</summary>
    public async Task RevealAsync(ElementReference listing, int index, Geometry geometry, CancellationToken cancellationToken) =>
        await (await ModuleAsync(cancellationToken)).InvokeVoidAsync("reveal", cancellationToken, listing, index, geometry.RowHeight, geometry.PerRow, geometry.HeadHeight);

    /// <summary>How many rows the listing shows at once: what Page Up and Page Down move by.</summary>
    public async Task<int> RowsInViewAsync(ElementReference listing, Geometry geometry, CancellationToken cancellationToken) =>
        await (await ModuleAsync(cancellationToken)).InvokeAsync<int>("rowsInView", cancellationToken, listing, geometry.RowHeight, geometry.HeadHeight);

    /// <summary>
    /// Once per drawn listing: has the browser leave the keys of <see cref="FolderShortcuts"/> to the page, and fetch
    /// the thumbnails of the rows in view (see <see cref="Thumbnail"/>).
    /// </summary>
    public async Task AttachAsync(ElementReference listing, CancellationToken cancellationToken)
    {
        if (listing.Id != _attachedListing)
        {
            _attachedListing = listing.Id;
            var module = await ModuleAsync(cancellationToken);
            await module.InvokeVoidAsync("suppressKeys", cancellationToken, listing, FolderShortcuts.Suppressed);
            await module.InvokeVoidAsync("watchThumbnails", cancellationToken, listing);
        }
    }

    private async Task<IJSObjectReference> ModuleAsync(CancellationToken cancellationToken) =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, "./js/listing.js");

    public async ValueTask DisposeAsync()
    {
        await _module.DisposeQuietlyAsync();
    }
}
