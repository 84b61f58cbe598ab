using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Tests.Files;

public sealed class CommitBatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sixty_four_writers_to_one_folder_and_to_sixty_four_folders_all_land_with_a_gapless_journal()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var ana = await infra.CreateUserAsync("ana");
        var root = NodePath.Parse("/Private/ana");
        (await infra.Files.CreateFolderAsync(ana, root.Append(NodeName.Parse("one")), Ct)).Succeeded.ShouldBeTrue();
        for (var i = 0; i < 64; i++)
        {
            (await infra.Files.CreateFolderAsync(ana, root.Append(NodeName.Parse($"f{i:00}")), Ct)).Succeeded.ShouldBeTrue();
        }

        long before;
        await using (var db = await infra.CreateDbContextAsync())
        {
            before = await db.Journal.MaxAsync(e => e.Sequence, Ct);
        }

        var paths = Enumerable.Range(0, 64).Select(i => NodePath.Parse($"/Private/ana/one/file-{i:00}.txt"))
            .Concat(Enumerable.Range(0, 64).Select(i => NodePath.Parse($"/Private/ana/f{i:00}/file.txt"))).ToList();
        var results = await Task.WhenAll(paths.Select(p => Task.Run(() => WriteInOwnScopeAsync(infra, ana, p, p.Value), Ct)));

        results.ShouldAllBe(r => r.Status == ResultStatus.Created);
        results.Select(r => r.Value!.Id).Distinct().Count().ShouldBe(128);
        foreach (var path in paths)
        {
            (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe(path.Value);
        }

        await using (var db = await infra.CreateDbContextAsync())
        {
            var created = await db.Journal.Where(e => e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync(Ct);
            created.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, 128).Select(i => before + 1 + i));
            created.ShouldAllBe(e => e.Type == nameof(JournalEventType.FileCreated));
            created.Select(e => e.NodeId).ShouldBe(results.Select(r => (long?)r.Value!.Id), ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Writes_to_one_new_path_in_one_batch_become_one_file_with_a_version_each()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var ana = await infra.CreateUserAsync("ana");
        var path = NodePath.Parse("/Private/ana/shared.txt");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => WriteInOwnScopeAsync(infra, ana, path, $"v{i}"), Ct)));

        results.Count(r => r.Status == ResultStatus.Created).ShouldBe(1);
        results.Count(r => r.Status == ResultStatus.Ok).ShouldBe(15);
        results.Select(r => r.Value!.Version).Order().ShouldBe(Enumerable.Range(1, 16));
        var newest = results.MaxBy(r => r.Value!.Version)!.Value!;
        (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe(await infra.ReadTextAsync(ana, path, newest.Version));
    }

    [Fact]
    public async Task A_write_that_throws_in_a_batch_fails_alone_and_the_others_commit()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var ana = await infra.CreateUserAsync("ana");
        var batcher = infra.Services.GetRequiredService<CommitBatcher>();

        // Two leaders held busy, so that everything after them waits and goes in one batch.
        var release = new TaskCompletionSource();
        var holders = Enumerable.Range(0, 2).Select(_ => batcher.CommitAsync(async (_, _, _) =>
        {
            await release.Task;
            return Result<NodeInfo>.Fail(ResultStatus.Conflict, "held");
        }, Ct)).ToList();
        // Each its own content: re-used content is recorded in a write of its own, which would wait for the holders.
        var good = Enumerable.Range(0, 5).Select(i => Task.Run(() => WriteInOwnScopeAsync(infra, ana, NodePath.Parse($"/Private/ana/good-{i}.txt"), $"kept {i}"), Ct)).ToList();
        await WaitUntilQueuedAsync(batcher, 5);
        var failing = batcher.CommitAsync((_, _, _) => throw new InvalidOperationException("broken write"), Ct);
        await WaitUntilQueuedAsync(batcher, 6);
        release.SetResult();

        (await Should.ThrowAsync<InvalidOperationException>(() => failing)).Message.ShouldBe("broken write");
        (await Task.WhenAll(good)).ShouldAllBe(r => r.Status == ResultStatus.Created);
        (await Task.WhenAll(holders)).ShouldAllBe(r => r.Status == ResultStatus.Conflict);
        for (var i = 0; i < 5; i++)
        {
            (await infra.ReadTextAsync(ana, NodePath.Parse($"/Private/ana/good-{i}.txt"), version: null)).ShouldBe($"kept {i}");
        }
    }

    [Fact]
    public async Task A_change_three_levels_down_gives_every_folder_above_it_a_new_etag()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var ana = await infra.CreateUserAsync("ana");
        var chain = new[] { "/Private/ana/a", "/Private/ana/a/b", "/Private/ana/a/b/c" }.Select(NodePath.Parse).ToList();
        foreach (var folder in chain)
        {
            (await infra.Files.CreateFolderAsync(ana, folder, Ct)).Succeeded.ShouldBeTrue();
        }

        var sibling = (await infra.Files.CreateFolderAsync(ana, NodePath.Parse("/Private/ana/z"), Ct)).Value.ShouldNotBeNull();
        var home = NodePath.Parse("/Private/ana");
        var watched = chain.Prepend(home).ToList();
        var before = await ETagsAsync(infra, ana, watched);

        // The same instant as the folders' own: the ETag must change even within one millisecond.
        (await infra.WriteTextAsync(ana, NodePath.Parse("/Private/ana/a/b/c/deep.txt"), "new")).Succeeded.ShouldBeTrue();
        var afterWrite = await ETagsAsync(infra, ana, watched);
        afterWrite.Zip(before).ShouldAllBe(pair => pair.First != pair.Second);
        (await infra.Files.GetAsync(ana, NodePath.Parse("/Private/ana/z"), Ct)).Value.ShouldNotBeNull().ETag.ShouldBe(sibling.ETag);

        (await infra.Files.MoveAsync(ana, NodePath.Parse("/Private/ana/a/b/c/deep.txt"), NodePath.Parse("/Private/ana/z/deep.txt"), Ct)).Succeeded.ShouldBeTrue();
        var afterMove = await ETagsAsync(infra, ana, watched);
        afterMove.Zip(afterWrite).ShouldAllBe(pair => pair.First != pair.Second);
        (await infra.Files.GetAsync(ana, NodePath.Parse("/Private/ana/z"), Ct)).Value.ShouldNotBeNull().ETag.ShouldNotBe(sibling.ETag);
    }

    private static async Task<List<string>> ETagsAsync(InfrastructureHost infra, Domain.Access.Caller caller, IEnumerable<NodePath> folders)
    {
        var tags = new List<string>();
        foreach (var folder in folders)
        {
            tags.Add((await infra.Files.GetAsync(caller, folder, Ct)).Value.ShouldNotBeNull().ETag);
        }

        return tags;
    }

    /// <summary>As a request does it: a scope (and FileService) of its own.</summary>
    private static async Task<Result<NodeInfo>> WriteInOwnScopeAsync(InfrastructureHost infra, Domain.Access.Caller caller, NodePath path, string text)
    {
        await using var scope = infra.Services.CreateAsyncScope();
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return await scope.ServiceProvider.GetRequiredService<FileService>().WriteAsync(caller, path, content, WriteConditions.None, Ct);
    }

    private static async Task WaitUntilQueuedAsync(CommitBatcher batcher, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (batcher.Waiting < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
