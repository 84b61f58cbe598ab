using System.Text;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Tests.Files;

public sealed class FileServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ProviderData]
    public async Task Each_write_is_a_version_and_every_version_reads_back_its_own_bytes(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var path = NodePath.Parse("/Private/ana/notes.txt");

        var created = await infra.WriteTextAsync(ana, path, "first draft");
        infra.Clock.Advance(TimeSpan.FromMinutes(5));
        var replaced = await infra.WriteTextAsync(ana, path, "second, longer draft");

        created.Status.ShouldBe(ResultStatus.Created);
        replaced.Status.ShouldBe(ResultStatus.Ok);
        replaced.Value.ShouldNotBeNull().Id.ShouldBe(created.Value.ShouldNotBeNull().Id);
        var versions = (await infra.Files.ListVersionsAsync(ana, path, Ct)).Value.ShouldNotBeNull();
        versions.Select(v => (v.Number, v.Size, v.CreatedAt)).ShouldBe([(2, 20L, infra.Clock.GetUtcNow()), (1, 11L, infra.Clock.GetUtcNow().AddMinutes(-5))]);
        (await infra.ReadTextAsync(ana, path, version: 1)).ShouldBe("first draft");
        (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe("second, longer draft");
    }

    [Theory]
    [ProviderData]
    public async Task Restoring_a_version_makes_its_bytes_the_newest_and_keeps_the_history(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var path = NodePath.Parse("/Private/ana/plan.txt");
        await infra.WriteTextAsync(ana, path, "v1");
        await infra.WriteTextAsync(ana, path, "v2");

        var restored = await infra.Files.RestoreVersionAsync(ana, path, 1, Ct);

        restored.Value.ShouldNotBeNull().Version.ShouldBe(3);
        (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe("v1");
        (await infra.Files.ListVersionsAsync(ana, path, Ct)).Value.ShouldNotBeNull().Select(v => v.Number).ShouldBe([3, 2, 1]);
    }

    [Theory]
    [ProviderData]
    public async Task A_stale_if_match_changes_nothing(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var path = NodePath.Parse("/Private/ana/budget.csv");
        var first = (await infra.WriteTextAsync(ana, path, "a,b")).Value.ShouldNotBeNull();
        await infra.WriteTextAsync(ana, path, "a,b,c");

        var stale = await infra.Files.WriteAsync(ana, path, Text("lost update"), new WriteConditions(first.ETag, IfNoneMatchAny: false), Ct);

        stale.Status.ShouldBe(ResultStatus.PreconditionFailed);
        (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe("a,b,c");
        (await infra.Files.ListVersionsAsync(ana, path, Ct)).Value.ShouldNotBeNull().Count.ShouldBe(2);
    }

    [Theory]
    [ProviderData]
    public async Task Moving_a_folder_keeps_the_ids_of_it_and_all_it_holds(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var folder = (await infra.Files.CreateFolderAsync(ana, NodePath.Parse("/Private/ana/Specs"), Ct)).Value.ShouldNotBeNull();
        var file = (await infra.WriteTextAsync(ana, NodePath.Parse("/Private/ana/Specs/v1.md"), "spec")).Value.ShouldNotBeNull();
        (await infra.Files.CreateFolderAsync(ana, NodePath.Parse("/Private/ana/Archive"), Ct)).Succeeded.ShouldBeTrue();

        var moved = await infra.Files.MoveAsync(ana, NodePath.Parse("/Private/ana/Specs"), NodePath.Parse("/Private/ana/Archive/Specs 2026"), Ct);

        moved.Value.ShouldNotBeNull().Id.ShouldBe(folder.Id);
        var movedFile = (await infra.Files.GetAsync(ana, NodePath.Parse("/Private/ana/Archive/Specs 2026/v1.md"), Ct)).Value.ShouldNotBeNull();
        movedFile.Id.ShouldBe(file.Id);
        movedFile.ContentHash.ShouldBe(file.ContentHash);
        (await infra.Files.GetAsync(ana, NodePath.Parse("/Private/ana/Specs/v1.md"), Ct)).Status.ShouldBe(ResultStatus.NotFound);
        (await infra.ReadTextAsync(ana, NodePath.Parse("/Private/ana/Archive/Specs 2026/v1.md"), version: null)).ShouldBe("spec");
    }

    [Theory]
    [ProviderData]
    public async Task A_copy_is_a_new_item_sharing_the_originals_blob(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var original = (await infra.WriteTextAsync(ana, NodePath.Parse("/Private/ana/logo.svg"), "<svg/>")).Value.ShouldNotBeNull();

        var copy = (await infra.Files.CopyAsync(ana, NodePath.Parse("/Private/ana/logo.svg"), NodePath.Parse("/Private/ana/logo (copy).svg"), Ct)).Value.ShouldNotBeNull();
        await infra.WriteTextAsync(ana, NodePath.Parse("/Private/ana/logo (copy).svg"), "<svg></svg>");

        copy.Id.ShouldNotBe(original.Id);
        copy.ContentHash.ShouldBe(original.ContentHash);
        (await infra.ReadTextAsync(ana, NodePath.Parse("/Private/ana/logo.svg"), version: null)).ShouldBe("<svg/>");
    }

    [Theory]
    [ProviderData]
    public async Task Another_users_private_file_does_not_exist_for_them(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await infra.CreateUserAsync("ana");
        var ben = await infra.CreateUserAsync("ben");
        var path = NodePath.Parse("/Private/ana/diary.txt");
        await infra.WriteTextAsync(ana, path, "dear diary");

        var read = await infra.Files.GetAsync(ben, path, Ct);
        var written = await infra.Files.WriteAsync(ben, path, Text("ben was here"), WriteConditions.None, Ct);

        read.Status.ShouldBe(ResultStatus.NotFound);
        written.Status.ShouldBe(ResultStatus.NotFound);
        (await infra.ReadTextAsync(ana, path, version: null)).ShouldBe("dear diary");
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));
}
