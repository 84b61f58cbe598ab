using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Trash;
using Strata.Workers.Trash;

namespace Strata.Workers.Tests.Trash;

public sealed class TrashPurgeJobTests : WorkersScenario
{
    [Fact]
    public async Task Items_stay_restorable_for_the_retention_and_are_purged_after_it()
    {
        await Host.WriteAsync("/Shared/old.txt", RandomNumberGenerator.GetBytes(10), Ct);
        await TrashAsync("/Shared/old.txt");
        Host.Clock.Advance(TimeSpan.FromDays(20));
        await Host.WriteAsync("/Shared/recent.txt", RandomNumberGenerator.GetBytes(10), Ct);
        await TrashAsync("/Shared/recent.txt");

        Host.Clock.Advance(TimeSpan.FromDays(9));
        (await PurgeAsync()).ShouldBe(0);
        (await TrashNamesAsync()).ShouldBe(["old.txt", "recent.txt"], ignoreOrder: true);

        Host.Clock.Advance(TimeSpan.FromDays(2));
        (await PurgeAsync()).ShouldBe(1);
        (await TrashNamesAsync()).ShouldBe(["recent.txt"]);
    }

    [Fact]
    public async Task A_trashed_folder_is_purged_with_everything_in_it()
    {
        await CreateFolderAsync("/Shared/Project");
        await CreateFolderAsync("/Shared/Project/Sub");
        await Host.WriteAsync("/Shared/Project/a.txt", RandomNumberGenerator.GetBytes(10), Ct);
        await Host.WriteAsync("/Shared/Project/Sub/b.txt", RandomNumberGenerator.GetBytes(10), Ct);
        await TrashAsync("/Shared/Project/Sub/b.txt");
        await TrashAsync("/Shared/Project");
        Host.Clock.Advance(TimeSpan.FromDays(31));

        (await PurgeAsync()).ShouldBeGreaterThanOrEqualTo(1);

        (await TrashNamesAsync()).ShouldBeEmpty();
        var project = await Host.RunAsync(sp => sp.GetRequiredService<FileService>().GetAsync(WorkersHost.Admin, NodePath.Parse("/Shared/Project"), Ct));
        project.Status.ShouldBe(ResultStatus.NotFound);
    }

    private Task<int> PurgeAsync() => Host.RunAsync(sp => sp.GetRequiredService<TrashPurgeJob>().ExecuteAsync(Ct));

    private async Task CreateFolderAsync(string path)
    {
        var result = await Host.RunAsync(sp => sp.GetRequiredService<FileService>().CreateFolderAsync(WorkersHost.Admin, NodePath.Parse(path), Ct));
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    private async Task TrashAsync(string path)
    {
        var result = await Host.RunAsync(sp => sp.GetRequiredService<FileService>().TrashAsync(WorkersHost.Admin, NodePath.Parse(path), WriteConditions.None, Ct));
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    private Task<List<string>> TrashNamesAsync() =>
        Host.RunAsync(async sp =>
        {
            var names = new List<string>();
            await foreach (var item in sp.GetRequiredService<TrashService>().ListTrashAsync(WorkersHost.Admin, Ct))
            {
                names.Add(item.Name);
            }

            return names;
        });
}
