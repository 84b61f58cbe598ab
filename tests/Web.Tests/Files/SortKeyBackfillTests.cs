using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Web.Tests.Files;

/// <summary>Files and folders made before names had sort keys (the migration adds the column empty) get theirs at the next start.</summary>
public sealed class SortKeyBackfillTests : TeamScenario
{
    [Fact]
    public async Task Nodes_without_a_sort_key_get_theirs_when_the_host_starts()
    {
        (await Alice.MkdirAsync("/Private/alice/Build 9")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.MkdirAsync("/Private/alice/Build 10")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrataDbContext>();
            (await db.Nodes.ExecuteUpdateAsync(s => s.SetProperty(n => n.SortKey, string.Empty), Ct)).ShouldBeGreaterThan(2);
        }

        Alice.Dispose();
        Bob.Dispose();
        using var restarted = App.Restart();
        App.Dispose();

        using var started = restarted.Services.CreateScope();
        var nodes = await started.ServiceProvider.GetRequiredService<StrataDbContext>().Nodes.Select(n => new { n.NameKey, n.SortKey }).ToListAsync(Ct);
        nodes.ShouldAllBe(n => n.SortKey == NodeName.SortKeyOf(n.NameKey));
        nodes.Single(n => n.NameKey == "BUILD 10").SortKey.ShouldBe("BUILD 0210");
    }
}
