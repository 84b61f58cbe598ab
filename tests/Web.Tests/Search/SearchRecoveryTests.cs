using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Search.Index;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Search;

/// <summary>
/// The index heals itself: after a crash it resumes from the cursor of its last commit (no rebuild), a damaged file
/// makes it rebuild from the database, and an administrator's rebuild of one folder drops what no longer exists.
/// </summary>
public sealed class SearchRecoveryTests : IDisposable
{
    private const string Team = "/Shared/Team";
    private StrataAppFactory _app = new() { SearchIndexer = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string IndexFolder => Path.Combine(_app.DataPath, "search-index");

    private string DamagedFolder => IndexFolder + ".damaged";

    [Fact]
    public async Task After_a_crash_during_indexing_it_resumes_from_its_cursor_and_misses_nothing()
    {
        using (var admin = await _app.CreateAdminClientAsync())
        {
            (await admin.MkdirAsync(Team)).EnsureSuccessStatusCode();
            await admin.FindAsync("team", Team);

            // The disk as a kill -9 would leave it: a copy taken while files keep arriving and the indexer commits.
            var uploads = Task.Run(async () =>
            {
                for (var i = 0; i < 40; i++)
                {
                    (await admin.PutTextAsync($"{Team}/crash-{i:00}.txt", "x")).EnsureSuccessStatusCode();
                }
            }, Ct);
            await admin.SearchUntilAsync("crash", page => page.GetProperty("total").GetInt32() >= 10);
            var crashed = CopyCommittedIndex();
            await uploads;
            _app = RestartWith(crashed);
        }

        using var again = await _app.CreateAdminClientAsync();
        await again.SearchUntilAsync("crash", page => page.GetProperty("total").GetInt32() == 40, "&limit=100");

        Directory.Exists(DamagedFolder).ShouldBeFalse("the index was opened as it was, not rebuilt");
        var status = await StatusAsync(again);
        status.GetProperty("rebuilding").GetBoolean().ShouldBeFalse();
        status.GetProperty("cursor").GetInt64().ShouldBe(status.GetProperty("journalHead").GetInt64());
    }

    [Fact]
    public async Task A_damaged_index_file_is_detected_and_the_index_rebuilt_from_the_database()
    {
        using (var admin = await _app.CreateAdminClientAsync())
        {
            (await admin.MkdirAsync(Team)).EnsureSuccessStatusCode();
            (await admin.PutTextAsync($"{Team}/survivor-notes.txt", "kept in the database")).EnsureSuccessStatusCode();
            await admin.FindAsync("survivor", $"{Team}/survivor-notes.txt");
        }

        _app = RestartWith(index: null);
        var damaged = Directory.EnumerateFiles(IndexFolder)
            .Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal) && !f.EndsWith("write.lock", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length)
            .First();
        await using (var file = new FileStream(damaged, FileMode.Open, FileAccess.Write))
        {
            file.Position = file.Length / 2;
            await file.WriteAsync(new byte[64].Select(_ => (byte)0xAB).ToArray(), Ct);
        }

        using var again = await _app.CreateAdminClientAsync();
        await again.FindAsync("survivor", $"{Team}/survivor-notes.txt");

        Directory.Exists(DamagedFolder).ShouldBeTrue("the damaged index is kept aside for a look");
        await WaitAsync(again, status => !status.GetProperty("rebuilding").GetBoolean());
    }

    [Fact]
    public async Task An_administrator_rebuilds_one_folder_which_drops_stale_documents()
    {
        using var admin = await _app.CreateAdminClientAsync();
        using var user = await _app.CreateUserClientAsync();
        (await admin.MkdirAsync(Team)).EnsureSuccessStatusCode();
        (await admin.PutTextAsync($"{Team}/ledger.txt", "x")).EnsureSuccessStatusCode();
        await admin.FindAsync("ledger", $"{Team}/ledger.txt");

        // A document the database knows nothing of, as a lost delete would leave behind.
        var index = _app.Services.GetRequiredService<SearchIndex>();
        index.Upsert(new SearchDocument(
            long.MaxValue, $"{Team}/ghost-ledger.txt", $"{Team}/ghost-ledger.txt".ToUpperInvariant(), "ghost-ledger.txt", "ghost-ledger.txt", false, 1,
            DateTimeOffset.UnixEpoch, null, null, "text/plain", null, [], [], null));
        index.Commit(index.State!);
        (await admin.SearchAsync("ledger")).GetProperty("total").GetInt32().ShouldBe(2);

        (await user.PostAsJsonAsync(new Uri("/api/v1/admin/search/rebuild", UriKind.Relative), new { path = Team }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var started = await admin.PostAsJsonAsync(new Uri("/api/v1/admin/search/rebuild", UriKind.Relative), new { path = Team }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await admin.SearchUntilAsync("ledger", page => page.Paths().SequenceEqual([$"{Team}/ledger.txt"]));
        var done = await WaitAsync(admin, status => !status.GetProperty("rebuilding").GetBoolean());
        done.GetProperty("documents").GetInt32().ShouldBe(2, "the folder and its file");
    }

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> StatusAsync(HttpClient admin) =>
        await admin.GetJsonAsync(new Uri("/api/v1/admin/search/status", UriKind.Relative));

    private static async Task<JsonElement> WaitAsync(HttpClient admin, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + SearchClient.Deadline;
        while (true)
        {
            var status = await StatusAsync(admin);
            if (done(status))
            {
                return status;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the index status never met the condition; last: {status}");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>
    /// Copies the index's files as they are on disk this instant. Files a commit no longer needs may vanish while
    /// copying (a merge finished); then the copy is taken again.
    /// </summary>
    private string CopyCommittedIndex()
    {
        var copy = Path.Combine(_app.DataPath, "crash-copy");
        while (true)
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }

            Directory.CreateDirectory(copy);
            try
            {
                // Commit points last, so that each one copied finds the files it names.
                foreach (var file in Directory.GetFiles(IndexFolder).OrderBy(f => Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
                {
                    if (!file.EndsWith("write.lock", StringComparison.Ordinal))
                    {
                        File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
                    }
                }

                return copy;
            }
            catch (FileNotFoundException)
            {
                // A merge removed a file between the listing and the copy.
            }
        }
    }

    /// <summary>Stops this host and starts another on the same data, with <paramref name="index"/> (a copy) as its index when given.</summary>
    private StrataAppFactory RestartWith(string? index)
    {
        _ = _app.Services;
        var next = _app.Restart();
        _app.Dispose();
        if (index is not null)
        {
            DeleteWhenSettled(IndexFolder);
            Directory.Move(index, IndexFolder);
        }

        return next;
    }

    /// <summary>
    /// Deletes the stopped host's index folder. When the host's last commit failed on closing (the crash test's does:
    /// Lucene misses a segment file of its own), the commit's empty segments file is removed moments after the
    /// factory's disposal returns, and a delete in between finds the folder not empty.
    /// </summary>
    private static void DeleteWhenSettled(string folder)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
