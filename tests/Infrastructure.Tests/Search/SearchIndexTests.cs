using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Strata.Domain.Files;
using Strata.Infrastructure.Hosting;
using Strata.Infrastructure.Search.Index;

namespace Strata.Infrastructure.Tests.Search;

public sealed class SearchIndexTests : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("strata-index-").FullName;

    [Fact]
    public void A_published_document_is_found_at_once_and_kept_with_its_cursor_once_committed()
    {
        using (var index = Open())
        {
            index.Upsert(Doc(1, "/Shared/a.txt"));
            index.Commit(IndexState.Empty with { Cursor = 1 });
            index.Upsert(Doc(2, "/Shared/b.txt"));
            index.Publish(IndexState.Empty with { Cursor = 2 });

            index.DocumentCount.ShouldBe(2);
            index.State!.Cursor.ShouldBe(2);
            index.HasUncommitted.ShouldBeTrue();

            // What a kill -9 now leaves: the last commit, whose cursor the indexer follows the journal from again.
            CopyFolder(index.FolderPath, Path.Combine(_dataPath, "crashed"));
            index.Commit(IndexState.Empty with { Cursor = 2 });
            index.HasUncommitted.ShouldBeFalse();
        }

        using (var reopened = Open())
        {
            reopened.State!.Cursor.ShouldBe(2);
            reopened.DocumentCount.ShouldBe(2);
        }

        Directory.Delete(Path.Combine(_dataPath, "search-index"), recursive: true);
        Directory.Move(Path.Combine(_dataPath, "crashed"), Path.Combine(_dataPath, "search-index"));
        using var crashed = Open();
        crashed.State!.Cursor.ShouldBe(1);
        crashed.DocumentCount.ShouldBe(1);
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);

    private SearchIndex Open()
    {
        var index = new SearchIndex(Options.Create(new StrataOptions { DataPath = _dataPath }), new SearchSignal(), NullLogger<SearchIndex>.Instance);
        index.Open();
        return index;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static SearchDocument Doc(long id, string path)
    {
        var parsed = NodePath.Parse(path);
        return new SearchDocument(
            id, parsed.Value, parsed.Key, parsed.Name.Value, parsed.Name.SortKey, false, 1, DateTimeOffset.UnixEpoch, "alice", "alice", "text/plain", null, [], [], null);
    }
}
