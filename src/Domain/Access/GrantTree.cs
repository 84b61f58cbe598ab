using Strata.Domain.Files;

namespace Strata.Domain.Access;

/// <summary>
/// Every grant, arranged as a trie of case-folded path segments, so that a caller's rights at a path are
/// one walk from the root (O(depth × principals)) however many grants and children exist. Immutable
/// once built; shared by all requests until a grant, membership or folder path changes.
/// </summary>
public sealed class GrantTree
{
    public static readonly GrantTree Empty = new(new TrieNode());

    private readonly TrieNode _root;

    private GrantTree(TrieNode root) => _root = root;

    public static GrantTree Build(IEnumerable<GrantRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var root = new TrieNode();
        foreach (var rule in rules)
        {
            var node = root;
            foreach (var segment in rule.Folder.Segments)
            {
                node = node.Child(segment.Key);
            }

            node.Grants[rule.Principal] = rule.Level;
        }

        return new GrantTree(root);
    }

    /// <summary>Whether <paramref name="path"/> or one of its ancestors carries a grant for anyone.</summary>
    public bool IsGoverned(NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = _root;
        foreach (var segment in path.Segments)
        {
            if (!node.Children.TryGetValue(segment.Key, out node))
            {
                return false;
            }

            if (node.Grants.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The level the <paramref name="principals"/> hold at <paramref name="path"/>: each principal keeps the
    /// most generous grant on the way down, except that an explicit None resets what it inherited; across
    /// principals the most generous wins. Null when none of them has a grant on the way.
    /// </summary>
    public AccessLevel? LevelFor(NodePath path, IReadOnlySet<Principal> principals)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(principals);
        Dictionary<Principal, AccessLevel>? nearest = null;
        var node = _root;
        foreach (var segment in path.Segments)
        {
            if (!node.Children.TryGetValue(segment.Key, out node))
            {
                break;
            }

            foreach (var (principal, level) in node.Grants)
            {
                if (principals.Contains(principal))
                {
                    nearest ??= [];
                    nearest[principal] = level == AccessLevel.None
                        ? AccessLevel.None
                        : (AccessLevel)Math.Max((int)level, (int)nearest.GetValueOrDefault(principal));
                }
            }
        }

        return nearest?.Values.Max();
    }

    /// <summary>Whether the <paramref name="principals"/> hold a grant of at least Viewer strictly below <paramref name="path"/>.</summary>
    public bool HasReadableBelow(NodePath path, IReadOnlySet<Principal> principals)
    {
        ArgumentNullException.ThrowIfNull(principals);
        return Find(path) is { } node && node.Children.Values.Any(child => child.AnyReadable(principals));
    }

    /// <summary>The folders strictly below <paramref name="path"/> that carry a grant for anyone (as folded paths).</summary>
    public IEnumerable<NodePath> GrantedFoldersBelow(NodePath path)
    {
        var start = Find(path);
        if (start is null)
        {
            yield break;
        }

        var pending = new Stack<(NodePath Path, TrieNode Node)>([(path, start)]);
        while (pending.TryPop(out var current))
        {
            foreach (var (key, child) in current.Node.Children)
            {
                var childPath = current.Path.Append(NodeName.Parse(key));
                if (child.Grants.Count > 0)
                {
                    yield return childPath;
                }

                pending.Push((childPath, child));
            }
        }
    }

    /// <summary>The folded names of the children of <paramref name="path"/> that have grants on or below them.</summary>
    public IReadOnlyCollection<string> GrantedChildKeys(NodePath path) =>
        Find(path)?.Children.Keys ?? (IReadOnlyCollection<string>)[];

    private TrieNode? Find(NodePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = _root;
        foreach (var segment in path.Segments)
        {
            if (!node.Children.TryGetValue(segment.Key, out node))
            {
                return null;
            }
        }

        return node;
    }

    private sealed class TrieNode
    {
        public Dictionary<string, TrieNode> Children { get; } = new(StringComparer.Ordinal);

        public Dictionary<Principal, AccessLevel> Grants { get; } = [];

        public TrieNode Child(string key)
        {
            if (!Children.TryGetValue(key, out var child))
            {
                child = new TrieNode();
                Children[key] = child;
            }

            return child;
        }

        public bool AnyReadable(IReadOnlySet<Principal> principals) =>
            Grants.Any(g => g.Value >= AccessLevel.Viewer && principals.Contains(g.Key))
            || Children.Values.Any(child => child.AnyReadable(principals));
    }
}
