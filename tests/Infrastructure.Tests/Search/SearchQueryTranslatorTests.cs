using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Search;
using Strata.Infrastructure.Search.Index;

namespace Strata.Infrastructure.Tests.Search;

/// <summary>Parsed queries run against a small index in memory, built as the indexer builds documents.</summary>
public sealed class SearchQueryTranslatorTests : IDisposable
{
    private static readonly DateTimeOffset January = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public SearchQueryTranslatorTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalyzers.Version, SearchAnalyzers.Documents)))
        {
            writer.AddDocument(Doc(1, "/Shared/Eng/Specs", isFolder: true, modified: January).Build());
            writer.AddDocument(Doc(2, "/Shared/Eng/Specs/quarterly_forecast.pdf", size: 5_000_000, modified: March, content: "revenue forecast for the cafe chain", tags: [("Release-7", "RELEASE-7")], owner: "u-alice").Build());
            writer.AddDocument(Doc(3, "/Shared/Eng/notes.md", size: 100, modified: January, content: "meeting notes about revenue", comments: ["ask legal"]).Build());
            writer.AddDocument(Doc(4, "/Shared/Board/budget.xlsx", size: 20_000, modified: March, content: "revenue budget").Build());
            writer.AddDocument(Doc(5, "/Private/alice/diary.txt", size: 10, modified: March, content: "revenue secrets").Build());
        }

        _reader = DirectoryReader.Open(_directory);
    }

    [Theory]
    [InlineData("forecast", new long[] { 2 })]
    [InlineData("revenue", new long[] { 2, 3, 4, 5 })]
    [InlineData("revenue -budget", new long[] { 2, 3, 5 })]
    [InlineData("\"meeting notes\"", new long[] { 3 })]
    [InlineData("\"notes meeting\"", new long[0])]
    [InlineData("rev*", new long[] { 2, 3, 4, 5 })]
    [InlineData("café", new long[] { 2 })]
    [InlineData("legal", new long[] { 3 })]
    [InlineData("release", new long[] { 2 })]
    [InlineData("tag:release-7", new long[] { 2 })]
    [InlineData("revenue type:pdf", new long[] { 2 })]
    [InlineData("type:folder", new long[] { 1 })]
    [InlineData("type:spreadsheet,md", new long[] { 3, 4 })]
    [InlineData("in:/Shared/Eng", new long[] { 1, 2, 3 })]
    [InlineData("in:/Shared/Eng/Specs", new long[] { 2 })]
    [InlineData("revenue size:>1MB", new long[] { 2 })]
    [InlineData("revenue size:<=100", new long[] { 3, 5 })]
    [InlineData("revenue modified:>=2026-03-01", new long[] { 2, 4, 5 })]
    [InlineData("revenue modified:<2026-03-01", new long[] { 3 })]
    [InlineData("revenue modified:2026-01-15", new long[] { 3 })]
    public void Queries_match_what_they_say(string text, long[] expected) =>
        Run(text).ShouldBe(expected, ignoreOrder: true);

    [Fact]
    public void Owner_matches_the_ids_it_names_and_nothing_when_it_names_nobody()
    {
        SearchQuery.TryParse("owner:alice@strata.test", out var query, out _).ShouldBeTrue();

        Ids(SearchQueryTranslator.Translate(query, ["u-alice"]).Query, filter: null).ShouldBe([2]);
        Ids(SearchQueryTranslator.Translate(query, []).Query, filter: null).ShouldBeEmpty();
    }

    [Fact]
    public void The_permission_filter_keeps_only_the_readable_scope()
    {
        var grants = GrantTree.Build([new GrantRule(NodePath.Parse("/Shared/Board"), Principal.User("u-bob"), AccessLevel.Viewer)]);
        var alice = new AccessEvaluator(new Caller("u-alice", "alice", IsAdmin: false), [], grants).ReadableScope();
        var bob = new AccessEvaluator(new Caller("u-bob", "bob", IsAdmin: false), [], grants).ReadableScope();

        Run("revenue", SearchFilters.Readable(alice)).ShouldBe([2, 3, 5], ignoreOrder: true);
        Run("revenue", SearchFilters.Readable(bob)).ShouldBe([2, 3, 4], ignoreOrder: true);
    }

    [Fact]
    public void The_words_alone_are_kept_for_highlighting()
    {
        SearchQuery.TryParse("revenue -budget type:pdf", out var query, out _).ShouldBeTrue();

        var words = SearchQueryTranslator.Translate(query, []).Words;

        words.ShouldNotBeNull();
        words.ToString().ShouldContain("revenue");
        words.ToString().ShouldNotContain("budget");
        words.ToString().ShouldNotContain("pdf");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private List<long> Run(string text, Filter? filter = null)
    {
        SearchQuery.TryParse(text, out var query, out var error).ShouldBeTrue(error);
        return Ids(SearchQueryTranslator.Translate(query, []).Query, filter);
    }

    private List<long> Ids(Query query, Filter? filter)
    {
        var searcher = new IndexSearcher(_reader);
        return searcher.Search(query, filter, 100).ScoreDocs
            .Select(hit => long.Parse(searcher.Doc(hit.Doc).Get("id", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private static SearchDocument Doc(
        long id, string path, bool isFolder = false, long size = 0, DateTimeOffset modified = default, string? content = null,
        IReadOnlyList<(string, string)>? tags = null, IReadOnlyList<string>? comments = null, string? owner = null)
    {
        var parsed = NodePath.Parse(path);
        var contentType = isFolder ? null : Path.GetExtension(path) switch
        {
            ".pdf" => "application/pdf",
            ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".md" => "text/markdown",
            _ => "text/plain",
        };
        return new SearchDocument(
            id, parsed.Value, parsed.Key, parsed.Name.Value, parsed.Name.SortKey, isFolder, size, modified, owner, owner, contentType, null,
            tags ?? [], comments ?? [], content);
    }
}
