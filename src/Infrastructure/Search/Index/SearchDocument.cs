using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Strata.Infrastructure.Search.Index;

/// <summary>The index's field names: a contract between the indexer and the queries.</summary>
internal static class SearchFields
{
    public const string Id = "id";
    public const string Path = "path";
    public const string Name = "name";
    public const string NameSort = "nameSort";

    /// <summary>The folded path keys of the item and every folder above it: the permission filter's field.</summary>
    public const string Scope = "scope";

    /// <summary>The folded path keys of every folder above the item (not the item itself): <c>in:</c>.</summary>
    public const string Ancestor = "ancestor";
    public const string Extension = "ext";
    public const string Kind = "kind";
    public const string IsFolder = "folder";
    public const string Size = "size";
    public const string Modified = "modified";
    public const string ModifiedSort = "modifiedSort";
    public const string Owner = "owner";
    public const string ModifiedBy = "modifiedBy";
    public const string ContentType = "contentType";
    public const string ContentHash = "hash";
    public const string Tag = "tag";
    public const string TagText = "tags";
    public const string Comments = "comments";
    public const string Content = "content";
}

/// <summary>One item as the index holds it; trash and old versions never become one.</summary>
public sealed record SearchDocument(
    long Id,
    string Path,
    string PathKey,
    string Name,
    string SortKey,
    bool IsFolder,
    long Size,
    DateTimeOffset Modified,
    string? Owner,
    string? ModifiedBy,
    string? ContentType,
    string? ContentHash,
    IReadOnlyList<(string Name, string Key)> Tags,
    IReadOnlyList<string> Comments,
    string? Content)
{
    public string IdTerm => IdOf(Id);

    public static string IdOf(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The folded keys of every folder above <paramref name="pathKey"/>, outermost first.</summary>
    public static IEnumerable<string> AncestorKeys(string pathKey)
    {
        ArgumentNullException.ThrowIfNull(pathKey);
        for (var slash = pathKey.IndexOf('/', 1); slash > 0; slash = pathKey.IndexOf('/', slash + 1))
        {
            yield return pathKey[..slash];
        }
    }

    public Document Build()
    {
        var document = new Document
        {
            new StringField(SearchFields.Id, IdTerm, Field.Store.YES),
            new StoredField(SearchFields.Path, Path),
            new TextField(SearchFields.Name, Name, Field.Store.YES),
            new SortedDocValuesField(SearchFields.NameSort, new BytesRef(SortKey)),
            new StringField(SearchFields.Scope, PathKey, Field.Store.NO),
            new StringField(SearchFields.Kind, SearchKinds.Of(IsFolder, ContentType), Field.Store.YES),
            new Int32Field(SearchFields.IsFolder, IsFolder ? 1 : 0, Field.Store.YES),
            new Int64Field(SearchFields.Size, Size, Field.Store.YES),
            new Int64Field(SearchFields.Modified, Modified.ToUnixTimeMilliseconds(), Field.Store.YES),
            new NumericDocValuesField(SearchFields.ModifiedSort, Modified.ToUnixTimeMilliseconds()),
        };
        foreach (var ancestor in AncestorKeys(PathKey))
        {
            document.Add(new StringField(SearchFields.Scope, ancestor, Field.Store.NO));
            document.Add(new StringField(SearchFields.Ancestor, ancestor, Field.Store.NO));
        }

        if (SearchKinds.ExtensionOf(Name) is { } extension && !IsFolder)
        {
            document.Add(new StringField(SearchFields.Extension, extension, Field.Store.NO));
        }

        AddIfPresent(document, SearchFields.Owner, Owner);
        AddIfPresent(document, SearchFields.ModifiedBy, ModifiedBy);
        if (ContentType is not null)
        {
            document.Add(new StoredField(SearchFields.ContentType, ContentType));
        }

        AddIfPresent(document, SearchFields.ContentHash, ContentHash);
        foreach (var (name, key) in Tags)
        {
            document.Add(new StringField(SearchFields.Tag, key, Field.Store.NO));
            document.Add(new TextField(SearchFields.TagText, name, Field.Store.NO));
        }

        if (Comments.Count > 0)
        {
            document.Add(new TextField(SearchFields.Comments, string.Join("\n", Comments), Field.Store.YES));
        }

        if (!string.IsNullOrEmpty(Content))
        {
            document.Add(new TextField(SearchFields.Content, Content, Field.Store.YES));
        }

        return document;
    }

    private static void AddIfPresent(Document document, string field, string? value)
    {
        if (value is not null)
        {
            document.Add(new StringField(field, value, Field.Store.NO));
        }
    }
}
