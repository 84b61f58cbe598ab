namespace Strata.Web.Dav;

/// <summary>One condition of an <c>If</c> list: a state token (<c>&lt;urn:…&gt;</c>) or an entity tag (<c>["…"]</c>), maybe negated.</summary>
internal sealed record IfCondition(bool Not, string? Token, string? ETag);

/// <summary>One parenthesised list; <see cref="Resource"/> is the tag (a URL) or null for an untagged list (the request URL).</summary>
internal sealed record IfList(string? Resource, IReadOnlyList<IfCondition> Conditions);

/// <summary>
/// The RFC 4918 §10.4 <c>If</c> header: a set of lists, true when any list is true; a list is true
/// when every condition in it holds for its resource.
/// </summary>
internal sealed class IfHeader
{
    private IfHeader(IReadOnlyList<IfList> lists) => Lists = lists;

    public IReadOnlyList<IfList> Lists { get; }

    /// <summary>Every state token named anywhere: these are the lock tokens the client submits (§10.4.1).</summary>
    public IEnumerable<string> Tokens => Lists.SelectMany(l => l.Conditions).Select(c => c.Token).OfType<string>();

    /// <summary>Parses the header; throws <see cref="DavException"/> (400) when it is malformed.</summary>
    public static IfHeader Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var lists = new List<IfList>();
        var position = 0;
        string? resource = null;
        bool? tagged = null;
        while (SkipSpace(value, ref position))
        {
            if (value[position] == '<')
            {
                if (tagged == false)
                {
                    throw Malformed("tagged and untagged lists are mixed");
                }

                tagged = true;
                resource = ReadUntil(value, ref position, '<', '>');
                SkipSpace(value, ref position);
                if (position >= value.Length || value[position] != '(')
                {
                    throw Malformed("a resource tag must be followed by a list");
                }
            }

            if (value[position] != '(')
            {
                throw Malformed("expected '('");
            }

            tagged ??= false;
            lists.Add(new IfList(resource, ReadList(value, ref position)));
        }

        return lists.Count == 0 ? throw Malformed("no lists") : new IfHeader(lists);
    }

    private static List<IfCondition> ReadList(string value, ref int position)
    {
        position++; // '('
        var conditions = new List<IfCondition>();
        while (true)
        {
            if (!SkipSpace(value, ref position))
            {
                throw Malformed("unterminated list");
            }

            if (value[position] == ')')
            {
                position++;
                return conditions.Count == 0 ? throw Malformed("empty list") : conditions;
            }

            var not = false;
            if (string.CompareOrdinal(value, position, "Not", 0, 3) == 0)
            {
                not = true;
                position += 3;
                SkipSpace(value, ref position);
            }

            if (position >= value.Length)
            {
                throw Malformed("unterminated list");
            }

            conditions.Add(value[position] switch
            {
                '<' => new IfCondition(not, ReadUntil(value, ref position, '<', '>'), null),
                '[' => new IfCondition(not, null, ReadUntil(value, ref position, '[', ']')),
                _ => throw Malformed("expected a state token or an entity tag"),
            });
        }
    }

    private static string ReadUntil(string value, ref int position, char open, char close)
    {
        var end = value.IndexOf(close, position + 1);
        if (value[position] != open || end < 0)
        {
            throw Malformed($"unterminated '{open}'");
        }

        var inner = value[(position + 1)..end];
        position = end + 1;
        return inner;
    }

    /// <summary>Moves past whitespace; false at the end of the value.</summary>
    private static bool SkipSpace(string value, ref int position)
    {
        while (position < value.Length && char.IsWhiteSpace(value[position]))
        {
            position++;
        }

        return position < value.Length;
    }

    private static DavException Malformed(string why) => new(StatusCodes.Status400BadRequest, $"Malformed If header: {why}.");
}
