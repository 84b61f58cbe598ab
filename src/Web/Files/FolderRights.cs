using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Web.Files;

/// <summary>
/// The actions the folder view offers, by the same rules the services enforce: hiding what would be refused is only a
/// courtesy, the service still decides.
/// </summary>
public sealed class FolderRights(AccessEvaluator? access, Caller caller)
{
    public bool Allows(NodePath path, Operation operation, string? createdBy = null) =>
        access?.Evaluate(path, operation, createdBy) == AccessDecision.Allowed;

    /// <summary>
    /// Whether rename, move and delete are offered, on each item's own right. Editors may remove only what they created,
    /// which a listing does not carry, and a folder may hold what the caller may not remove: they are offered the actions
    /// and the service decides per item, saying why it refuses.
    /// </summary>
    public bool CanRemove(IEnumerable<NodeInfo> items) =>
        items.All(item => Allows(NodePath.Parse(item.Path), Operation.Rename, createdBy: caller.UserId));

    /// <summary>The folder "Manage access" applies to: a single selected folder, or the open folder when nothing is selected.</summary>
    public NodePath? ShareTarget(NodePath? open, IReadOnlyCollection<NodeInfo> selected)
    {
        var target = selected.Count switch
        {
            0 => open,
            1 when selected.First() is { IsFolder: true } folder => NodePath.Parse(folder.Path),
            _ => null,
        };
        return target is not null && Allows(target, Operation.Manage) ? target : null;
    }

    /// <summary>The one selected item when the caller may manage it, and so may share it by link.</summary>
    public NodeInfo? Shareable(IReadOnlyCollection<NodeInfo> selected) =>
        selected.Count == 1 && selected.First() is var item && Allows(NodePath.Parse(item.Path), Operation.Manage) ? item : null;

    /// <summary>The folder of a step of the trail as a drop target, where the viewer may write (never the root).</summary>
    public string? DropFolder(NodePath open, int step)
    {
        var folder = NodePath.Parse("/" + string.Join('/', open.Segments.Take(step).Select(s => s.Value)));
        return step > 0 && Allows(folder, Operation.Write) ? folder.Value : null;
    }
}
