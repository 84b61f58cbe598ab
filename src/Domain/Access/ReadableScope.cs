using Strata.Domain.Files;

namespace Strata.Domain.Access;

/// <summary>
/// Where a caller may read, as a few sets of folders rather than a decision per item, for filters that run inside
/// an index (search): an item is readable when it lies at or below a folder of <see cref="ScopeLayer.Readable"/> of
/// some layer and at or below none of that layer's <see cref="ScopeLayer.Except"/>. Rights change only at granted
/// folders and the area roots, so each layer's folders are the places where readability flips, and there are as many
/// layers as flips on the deepest way down (a denied folder inside a readable one, a grant inside that, …), however
/// many grants there are.
/// </summary>
public sealed record ReadableScope(IReadOnlyList<ScopeLayer> Layers)
{
    /// <summary>Whether <paramref name="path"/> is readable by this scope; the same question the index filter asks.</summary>
    public bool Covers(NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Layers.Any(layer => layer.Readable.Any(path.IsSameOrDescendantOf) && !layer.Except.Any(path.IsSameOrDescendantOf));
    }
}

/// <summary>Folders where reading starts, less the folders inside them where it stops again.</summary>
public sealed record ScopeLayer(IReadOnlyList<NodePath> Readable, IReadOnlyList<NodePath> Except);
