using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Web.Identity;

namespace Strata.Web.Files;

public sealed partial class FolderPickerDialog
{
    private const int MaxFolders = 500;

    private NodePath _current = NodePath.Root;
    private List<NodeInfo> _folders = [];
    private List<(string Label, NodePath Path)> _trail = [];
    private bool _more;
    private Caller _caller = null!;

    [Inject]
    private FileService Files { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public string Action { get; set; } = "Select";

    /// <summary>Where browsing starts, usually the open folder.</summary>
    [Parameter]
    public string Start { get; set; } = "/";

    /// <summary>Folders being moved: neither they nor anything inside them can be the destination.</summary>
    [Parameter]
    public IReadOnlyList<string> Excluded { get; set; } = [];

    private bool CanPick => !_current.IsRoot && !IsExcluded(_current.Value) && !(_current.IsPrivate && _current.Depth == 1);

    protected override async Task OnInitializedAsync()
    {
        _caller = (await AuthenticationState).User.ToCaller();
        await BrowseAsync(NodePath.TryParse(Start, out var start, out _) ? start : NodePath.Root);
    }

    private bool IsExcluded(string path) =>
        NodePath.TryParse(path, out var parsed, out _) && Excluded.Any(e => NodePath.TryParse(e, out var excluded, out _) && parsed.IsSameOrDescendantOf(excluded));

    /// <summary>
    /// One click opens a folder. A double-click's second click (detail 2) would land on the folder that took the
    /// first one's place in the list and open that too, two levels down; it is ignored.
    /// </summary>
    private Task OpenAsync(MouseEventArgs click, NodeInfo folder) =>
        click.Detail > 1 ? Task.CompletedTask : BrowseAsync(NodePath.Parse(folder.Path));

    private async Task BrowseAsync(NodePath path)
    {
        _current = path;
        _trail = [("Files", NodePath.Root)];
        var walked = NodePath.Root;
        foreach (var segment in path.Segments)
        {
            walked = walked.Append(segment);
            _trail.Add((segment.Value, walked));
        }

        (_folders, _more) = await FoldersInAsync(path);
    }

    /// <summary>Listings put folders first, so one page holds every subfolder unless there are very many.</summary>
    private async Task<(List<NodeInfo> Folders, bool More)> FoldersInAsync(NodePath path)
    {
        if (path.IsRoot)
        {
            return ((await Files.ListRootAsync(_caller, CancellationToken.None)).ToList(), false);
        }

        var folder = await Files.GetAsync(_caller, path, CancellationToken.None);
        if (!folder.Succeeded || !folder.Value.IsFolder)
        {
            return ([], false);
        }

        var page = await Files.ListChildrenPageAsync(_caller, folder.Value.Id, path, ChildOrder.Name, false, 0, MaxFolders + 1, CancellationToken.None);
        var folders = page.Items.TakeWhile(i => i.IsFolder).ToList();
        return (folders.Take(MaxFolders).ToList(), folders.Count > MaxFolders);
    }
}
