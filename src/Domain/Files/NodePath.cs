using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Strata.Domain.Files;

/// <summary>
/// A canonical absolute path in the namespace, e.g. <c>/Shared/Builds/1234</c>. Parsed once from
/// untrusted input; every segment is a valid <see cref="NodeName"/>. Ancestry is decided by segments,
/// never by string prefix.
/// </summary>
public sealed class NodePath : IEquatable<NodePath>
{
    public const int MaxUtf8Bytes = 4096;
    public const string SharedArea = "Shared";
    public const string PrivateArea = "Private";

    public static readonly NodePath Root = new([]);

    private readonly NodeName[] _segments;

    private NodePath(NodeName[] segments)
    {
        _segments = segments;
        Value = "/" + string.Join('/', segments.Select(s => s.Value));
        Key = NodeName.Fold(Value);
    }

    /// <summary>The display form, case preserved: <c>/Shared/Builds</c>; the root is <c>/</c>.</summary>
    public string Value { get; }

    /// <summary>The case-folded form used for lookups.</summary>
    public string Key { get; }

    public IReadOnlyList<NodeName> Segments => _segments;

    public int Depth => _segments.Length;

    public bool IsRoot => _segments.Length == 0;

    public NodeName Name => IsRoot ? throw new InvalidOperationException("The root has no name.") : _segments[^1];

    public NodePath Parent => IsRoot ? throw new InvalidOperationException("The root has no parent.") : new NodePath(_segments[..^1]);

    /// <summary>True for <c>/Shared</c> and <c>/Private</c> and <c>/Private/&lt;user&gt;</c>: folders the system owns.</summary>
    public bool IsSystemFolder => Depth == 1 || (Depth == 2 && IsPrivate);

    public bool IsShared => Depth >= 1 && _segments[0].Key == NodeName.Fold(SharedArea);

    public bool IsPrivate => Depth >= 1 && _segments[0].Key == NodeName.Fold(PrivateArea);

    /// <summary>The owner's user name for paths under <c>/Private/&lt;user&gt;</c>.</summary>
    public string? PrivateOwner => IsPrivate && Depth >= 2 ? _segments[1].Value : null;

    public static NodePath Private(string userName) => new([NodeName.Parse(PrivateArea), NodeName.Parse(userName)]);

    public static NodePath Parse(string raw) =>
        TryParse(raw, out var path, out var error) ? path : throw new ArgumentException(error, nameof(raw));

    /// <summary>
    /// Parses a path such as <c>Shared/a/b</c> or <c>/Shared/a/b/</c>. Empty segments from doubled or
    /// trailing slashes are ignored; every other segment must be a valid name, so <c>..</c>, <c>\</c>,
    /// NUL and control characters are rejected rather than resolved.
    /// </summary>
    public static bool TryParse(string? raw, [NotNullWhen(true)] out NodePath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        raw ??= string.Empty;
        var parts = raw.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new NodeName[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!NodeName.TryCreate(parts[i], out var name, out var nameError))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"Invalid path segment {i + 1}: {nameError}");
                return false;
            }

            segments[i] = name;
        }

        var candidate = new NodePath(segments);
        if (Encoding.UTF8.GetByteCount(candidate.Value) > MaxUtf8Bytes)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"A path cannot be longer than {MaxUtf8Bytes} UTF-8 bytes.");
            return false;
        }

        if (segments.Length >= 1 && !candidate.IsShared && !candidate.IsPrivate)
        {
            error = "Paths start with /Shared or /Private.";
            return false;
        }

        path = candidate;
        error = null;
        return true;
    }

    /// <summary>
    /// Why a percent-encoded path, as sent in a URL, cannot name a node: a segment that holds an encoded '/' or '\'
    /// (<c>%2F</c>, <c>%5C</c>, either case). Decoded once, it is a name with a separator in it, which no name may hold;
    /// it must not become a separator either. Null when there is none. After this, a path decoded exactly once is
    /// canonical, so <c>a%252Fb</c> names the literal <c>a%2Fb</c> and nothing else does.
    /// </summary>
    public static string? EncodedSeparatorError(string encodedPath)
    {
        ArgumentNullException.ThrowIfNull(encodedPath);
        return encodedPath.Contains("%2F", StringComparison.OrdinalIgnoreCase) || encodedPath.Contains("%5C", StringComparison.OrdinalIgnoreCase)
            ? "A name cannot contain '/' or '\\', encoded (%2F, %5C) or not."
            : null;
    }

    public bool TryAppend(string rawName, [NotNullWhen(true)] out NodePath? child, [NotNullWhen(false)] out string? error)
    {
        child = null;
        if (!NodeName.TryCreate(rawName, out var name, out error))
        {
            return false;
        }

        return TryParse(Value.TrimEnd('/') + "/" + name.Value, out child, out error);
    }

    public NodePath Append(NodeName name) => new([.. _segments, name]);

    /// <summary>True when this path is <paramref name="other"/> or lies below it, compared segment by segment.</summary>
    public bool IsSameOrDescendantOf(NodePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Depth > Depth)
        {
            return false;
        }

        for (var i = 0; i < other.Depth; i++)
        {
            if (_segments[i].Key != other._segments[i].Key)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Re-roots this path from <paramref name="oldBase"/> onto <paramref name="newBase"/>.</summary>
    public NodePath Rebase(NodePath oldBase, NodePath newBase)
    {
        ArgumentNullException.ThrowIfNull(oldBase);
        ArgumentNullException.ThrowIfNull(newBase);
        if (!IsSameOrDescendantOf(oldBase))
        {
            throw new ArgumentException("The path is not below the old base.", nameof(oldBase));
        }

        return new NodePath([.. newBase._segments, .. _segments[oldBase.Depth..]]);
    }

    public bool Equals(NodePath? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as NodePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Value;
}
