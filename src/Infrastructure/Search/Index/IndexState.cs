using System.Text.Json;

namespace Strata.Infrastructure.Search.Index;

/// <summary>
/// What the index has taken in, committed together with its documents (in the Lucene commit's user data), so that
/// after a crash the index and its position always agree: the journal cursor, the contents indexed before their
/// text was extracted, and a rebuild under way.
/// </summary>
public sealed record IndexState(long Cursor, IReadOnlySet<string> PendingText, RebuildProgress? Rebuild)
{
    private const string CursorKey = "cursor";
    private const string PendingKey = "pendingText";
    private const string RebuildKey = "rebuild";

    public static IndexState Empty { get; } = new(0, new HashSet<string>(StringComparer.Ordinal), null);

    public IDictionary<string, string> ToUserData()
    {
        var data = new Dictionary<string, string>
        {
            [CursorKey] = Cursor.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [PendingKey] = JsonSerializer.Serialize(PendingText),
        };
        if (Rebuild is not null)
        {
            data[RebuildKey] = JsonSerializer.Serialize(Rebuild);
        }

        return data;
    }

    /// <summary>The state of a commit; null when the commit carries none (not written by Strata's indexer).</summary>
    public static IndexState? FromUserData(IDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.TryGetValue(CursorKey, out var cursor) || !long.TryParse(cursor, System.Globalization.CultureInfo.InvariantCulture, out var position))
        {
            return null;
        }

        var pending = data.TryGetValue(PendingKey, out var json) ? JsonSerializer.Deserialize<HashSet<string>>(json) : null;
        var rebuild = data.TryGetValue(RebuildKey, out var progress) ? JsonSerializer.Deserialize<RebuildProgress>(progress) : null;
        return new IndexState(position, pending ?? new HashSet<string>(StringComparer.Ordinal), rebuild);
    }
}

/// <summary>
/// A rebuild from the database under way: of everything (<see cref="ScopeKey"/> null) or of one folder's sub-tree
/// (its folded path), resumed after node <see cref="AfterId"/>; <see cref="Done"/> of about <see cref="Total"/> items.
/// </summary>
public sealed record RebuildProgress(string? ScopeKey, long AfterId, long Done, long Total);
