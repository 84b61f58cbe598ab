using Strata.Domain.Files;

namespace Strata.Domain.Access;

/// <summary>
/// The rules every front door applies, for one caller.
/// <list type="bullet">
/// <item><c>/Private/&lt;user&gt;</c> belongs to that user (Owner); others, administrators included, see only
/// what the owner granted them, and nothing else exists for them (404).</item>
/// <item>A <c>/Shared</c> folder without grants on it or above it is open: everyone reads, writes and
/// removes; only administrators create, rename or delete the top-level folders. Once a folder carries a
/// grant it is governed: only grantees (and administrators, who hold Owner in <c>/Shared</c>) see it.</item>
/// <item>Grants inherit down the tree; per principal the nearest grant counts (so an explicit None cancels
/// an inherited grant), and across the caller's principals the most generous wins.</item>
/// <item>A folder that leads to something the caller may read can be traversed: it is visible and lists
/// only the children on those ways.</item>
/// <item>Moving or deleting a folder carries everything below it, so it needs the right to remove all of it: a
/// sub-folder where the caller holds less (or nothing) keeps the folder where it is. Renaming in place carries nothing.</item>
/// <item>The system folders can never be renamed, moved or deleted.</item>
/// </list>
/// </summary>
public sealed class AccessEvaluator
{
    private readonly GrantTree _grants;
    private readonly IReadOnlySet<Principal> _principals;

    /// <param name="caller">Who asks.</param>
    /// <param name="groupIds">The groups the caller belongs to.</param>
    /// <param name="grants">Every grant, for everyone: whether a folder is governed depends on all of them.</param>
    public AccessEvaluator(Caller caller, IEnumerable<long> groupIds, GrantTree grants)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(groupIds);
        ArgumentNullException.ThrowIfNull(grants);
        Caller = caller;
        _grants = grants;
        _principals = groupIds.Select(Principal.Group).Append(Principal.User(caller.UserId)).ToHashSet();
    }

    public Caller Caller { get; }

    /// <summary>The caller and their groups.</summary>
    public IReadOnlySet<Principal> Principals => _principals;

    /// <summary>The caller's level at <paramref name="path"/>, ignoring traversal; system areas read as Viewer.</summary>
    public AccessLevel LevelAt(NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Depth <= 1)
        {
            return AccessLevel.Viewer;
        }

        if (path.IsPrivate)
        {
            return IsOwnPrivate(path) ? AccessLevel.Owner : _grants.LevelFor(path, _principals) ?? AccessLevel.None;
        }

        if (Caller.IsAdmin)
        {
            return AccessLevel.Owner;
        }

        // An open folder behaves as the shared area always did: everyone may do everything but manage.
        return _grants.LevelFor(path, _principals) ?? (_grants.IsGoverned(path) ? AccessLevel.None : AccessLevel.Full);
    }

    /// <summary>Whether the item exists for the caller: readable, or on the way to something readable.</summary>
    public bool CanSee(NodePath path) => CanSee(LevelAt(path), path);

    private bool CanSee(AccessLevel level, NodePath path) =>
        level >= AccessLevel.Viewer || _grants.HasReadableBelow(path, _principals);

    /// <param name="path">The item (for <see cref="Operation.Write"/>: the folder written into).</param>
    /// <param name="operation">What the caller wants to do.</param>
    /// <param name="createdBy">Who created the item, for removals by Editors (who may remove only their own items).</param>
    public AccessDecision Evaluate(NodePath path, Operation operation, string? createdBy = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var level = LevelAt(path);
        if (!CanSee(level, path))
        {
            return AccessDecision.Hidden;
        }

        if (operation == Operation.Remove && CanRemove(path, level, createdBy) && !CanRemoveAllBelow(path, level))
        {
            return AccessDecision.HoldsProtected;
        }

        var allowed = operation switch
        {
            Operation.Read => true,
            Operation.Write => path.Depth switch
            {
                0 => false,
                1 => path.IsShared && Caller.IsAdmin,
                _ => level >= AccessLevel.Editor,
            },
            Operation.Remove or Operation.Rename => CanRemove(path, level, createdBy),
            Operation.Manage => path.Depth >= 2 && !path.IsSystemFolder && level == AccessLevel.Owner,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
        return allowed ? AccessDecision.Allowed : AccessDecision.Denied;
    }

    /// <summary>
    /// As <see cref="Evaluate(NodePath, Operation, string?)"/> for an item that may not exist: a missing item is
    /// <see cref="AccessDecision.Hidden"/> whatever the rights around it, so that a name the caller may not see and a
    /// free one get the same answer (and a refusal is only ever about something that is there).
    /// </summary>
    public AccessDecision Evaluate(NodePath path, Operation operation, bool exists, string? createdBy = null) =>
        exists ? Evaluate(path, operation, createdBy) : AccessDecision.Hidden;

    /// <summary>
    /// Which children of <paramref name="folder"/> a listing shows, decided from the grants alone so that
    /// the listing stays one query whatever the number of children.
    /// </summary>
    public ChildFilter ChildrenOf(NodePath folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var candidates = _grants.GrantedChildKeys(folder).Select(key => (Key: key, Visible: CanSee(folder.Append(NodeName.Parse(key))))).ToList();
        if (folder.IsPrivate && folder.Depth == 1)
        {
            var shown = candidates.Where(c => c.Visible).Select(c => c.Key).Append(NodeName.Fold(Caller.UserName));
            return ChildFilter.Only(shown);
        }

        return LevelAt(folder) >= AccessLevel.Viewer
            ? ChildFilter.AllExcept(candidates.Where(c => !c.Visible).Select(c => c.Key))
            : ChildFilter.Only(candidates.Where(c => c.Visible).Select(c => c.Key));
    }

    /// <summary>
    /// Where the caller may read (level Viewer or more), for filters over many items at once: see <see cref="ReadableScope"/>.
    /// Traversal alone (a folder that only leads to something readable) does not count.
    /// </summary>
    public ReadableScope ReadableScope()
    {
        // The places where the level can change: the caller's two areas and every granted folder.
        var places = _grants.GrantedFoldersBelow(NodePath.Root)
            .Append(NodePath.Parse(NodePath.SharedArea))
            .Append(NodePath.Private(Caller.UserName))
            .DistinctBy(p => p.Key)
            .OrderBy(p => p.Depth)
            .ToList();

        // Per place: whether it is readable and how many flips lie above it (the root, readable by nobody, is flip 0).
        var known = new Dictionary<string, (bool Readable, int Flips)>(StringComparer.Ordinal);
        var layers = new List<(List<NodePath> Readable, List<NodePath> Except)>();
        foreach (var place in places)
        {
            var above = NearestKnownAbove(place, known) ?? (Readable: false, Flips: 0);
            var readable = LevelAt(place) >= AccessLevel.Viewer;
            if (readable == above.Readable)
            {
                known[place.Key] = above;
                continue;
            }

            var flips = above.Flips + 1;
            known[place.Key] = (readable, flips);

            // Odd flips start reading; even flips stop what the layer before started.
            var layer = (flips + 1) / 2 - 1;
            while (layers.Count <= layer)
            {
                layers.Add(([], []));
            }

            (readable ? layers[layer].Readable : layers[layer].Except).Add(place);
        }

        return new ReadableScope(layers.Select(l => new ScopeLayer(l.Readable, l.Except)).ToList());
    }

    private static (bool Readable, int Flips)? NearestKnownAbove(NodePath path, Dictionary<string, (bool Readable, int Flips)> known)
    {
        for (var ancestor = path; !ancestor.IsRoot;)
        {
            ancestor = ancestor.Parent;
            if (known.TryGetValue(ancestor.Key, out var state))
            {
                return state;
            }
        }

        return null;
    }

    private bool CanRemove(NodePath path, AccessLevel level, string? createdBy)
    {
        if (path.IsRoot || path.IsSystemFolder)
        {
            return false;
        }

        if (path.IsShared && path.Depth == 2)
        {
            return Caller.IsAdmin;
        }

        return level >= AccessLevel.Full || (level == AccessLevel.Editor && createdBy is not null && createdBy == Caller.UserId);
    }

    /// <summary>
    /// Whether the caller holds, at every granted folder below <paramref name="path"/>, the right that lets them remove
    /// the item itself (<paramref name="level"/>, at most Full). Rights change only at granted folders, so the trie's
    /// granted descendants are all that need asking, however many items the folder holds.
    /// </summary>
    private bool CanRemoveAllBelow(NodePath path, AccessLevel level)
    {
        var needed = (AccessLevel)Math.Min((int)level, (int)AccessLevel.Full);
        return _grants.GrantedFoldersBelow(path).All(folder => LevelAt(folder) >= needed);
    }

    private bool IsOwnPrivate(NodePath path) => NodeName.Fold(path.PrivateOwner!) == NodeName.Fold(Caller.UserName);
}

/// <summary>The children a listing shows: all but some names, or only some names (folded name keys).</summary>
public sealed record ChildFilter(bool IsAllowList, IReadOnlySet<string> Keys)
{
    public static ChildFilter Only(IEnumerable<string> keys) => new(true, keys.ToHashSet(StringComparer.Ordinal));

    public static ChildFilter AllExcept(IEnumerable<string> keys) => new(false, keys.ToHashSet(StringComparer.Ordinal));

    public bool Shows(string key) => IsAllowList == Keys.Contains(key);
}
