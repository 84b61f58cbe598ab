using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// A user in 20 groups holding 200 grants lists folders of 20 and of 2,000 children: the number of SQL
/// commands is the same, so rights are never checked per child.
/// </summary>
public sealed class ListingQueryBoundTests : IAsyncLifetime
{
    private const int Groups = 20;
    private readonly StrataAppFactory _app = new();
    private readonly SqlCommandCounter _counter;
    private HttpClient _dora = null!;

    public ListingQueryBoundTests() => _counter = SqlCommandCounter.AttachTo(_app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = await _app.CreateAdminClientAsync();
        _dora = await _app.CreateUserClientAsync("dora@strata.test");
        var doraId = await _dora.UserIdAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StrataDbContext>();
        var groups = Enumerable.Range(0, Groups).Select(i => new Group { Name = $"g{i}", NameKey = $"G{i}" }).ToList();
        db.Groups.AddRange(groups);
        await db.SaveChangesAsync(Ct);
        db.GroupMembers.AddRange(groups.Select(g => new GroupMember { GroupId = g.Id, UserId = doraId }));

        var shared = await db.Nodes.SingleAsync(n => n.Path == "/Shared", Ct);
        var big = Folder(db, "/Shared/Big", shared.Id);
        var small = Folder(db, "/Shared/Small", shared.Id);
        var areas = Enumerable.Range(0, 180).Select(i => Folder(db, $"/Shared/Area{i}", shared.Id)).ToList();
        await db.SaveChangesAsync(Ct);
        var bigFolders = Enumerable.Range(0, 18).Select(i => Folder(db, $"/Shared/Big/sub{i}", big.Id)).ToList();
        AddFiles(db, big, 2000 - bigFolders.Count);
        Folder(db, "/Shared/Small/sub", small.Id);
        AddFiles(db, small, 19);
        await db.SaveChangesAsync(Ct);

        // 200 grants: the two listed folders, 180 other folders, and 18 on Big's sub-folders of which half cut dora off.
        Grant(db, big, groups[0], AccessLevel.Viewer);
        Grant(db, small, groups[0], AccessLevel.Viewer);
        for (var i = 0; i < areas.Count; i++)
        {
            Grant(db, areas[i], groups[i % Groups], AccessLevel.Editor);
        }

        for (var i = 0; i < bigFolders.Count; i++)
        {
            Grant(db, bigFolders[i], groups[0], i % 2 == 0 ? AccessLevel.None : AccessLevel.Full);
        }

        await db.SaveChangesAsync(Ct);
        (await db.Grants.CountAsync(Ct)).ShouldBe(200);
        scope.ServiceProvider.GetRequiredService<PermissionService>().Invalidate();
    }

    public ValueTask DisposeAsync()
    {
        _dora.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Listing_queries_do_not_grow_with_the_number_of_children()
    {
        (await _dora.ListNamesAsync("/Shared/Small")).Count.ShouldBe(20);

        var small = await _counter.WorkDuringAsync(async () => (await _dora.ListNamesAsync("/Shared/Small")).Count.ShouldBe(20));
        var big = await _counter.WorkDuringAsync(async () => (await _dora.ListNamesAsync("/Shared/Big")).Count.ShouldBe(2000 - 9));

        big.Count.ShouldBe(small.Count, string.Join("\n---\n", big));
        big.Count.ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public async Task A_cold_cache_costs_two_queries_more()
    {
        await _dora.ListNamesAsync("/Shared/Big");
        var warm = await _counter.WorkDuringAsync(() => _dora.ListNamesAsync("/Shared/Big"));
        _app.Services.GetRequiredService<PermissionService>().Invalidate();

        var cold = await _counter.WorkDuringAsync(() => _dora.ListNamesAsync("/Shared/Big"));

        cold.Count.ShouldBe(warm.Count + 2, string.Join("\n---\n", cold));
    }

    private static Node Folder(StrataDbContext db, string path, long parentId)
    {
        var node = Node.Create(NodePath.Parse(path), parentId, isFolder: true, actor: null, DateTimeOffset.UnixEpoch);
        db.Nodes.Add(node);
        return node;
    }

    private static void AddFiles(StrataDbContext db, Node folder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var file = Node.Create(NodePath.Parse($"{folder.Path}/file{i:D5}.bin"), folder.Id, isFolder: false, actor: null, DateTimeOffset.UnixEpoch);
            file.ContentHash = new string('0', 64);
            db.Nodes.Add(file);
        }
    }

    private static void Grant(StrataDbContext db, Node folder, Group group, AccessLevel level) =>
        db.Grants.Add(new Grant { NodeId = folder.Id, PrincipalKind = PrincipalKind.Group, PrincipalId = Principal.Group(group.Id).Id, Level = level });
}
