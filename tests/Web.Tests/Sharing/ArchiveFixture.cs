using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// One host with <c>/Shared/Team/Archive</c> (holding <c>readme.txt</c>) granted to alice (Full) and carol (Viewer),
/// and inside it <c>Legal</c>, given to bob (Full) with an explicit None for alice and carol, holding
/// <c>Contracts/</c> and <c>secret.txt</c>; beside Archive, the open <c>Elsewhere</c>. alice and carol each have <c>mine.txt</c> in their private folder.
/// </summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    public const string Archive = "/Shared/Team/Archive";
    public const string Legal = Archive + "/Legal";

    public StrataAppFactory App { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Bob { get; private set; } = null!;

    /// <summary>alice (Full on Archive) and carol (Viewer on Archive), by role.</summary>
    public Dictionary<string, HttpClient> Clients { get; } = [];

    public HttpClient Alice => Clients["full"];

    public async ValueTask InitializeAsync()
    {
        await ArrangeAsync(App);
        Admin = await App.CreateAdminClientAsync();
        Bob = await App.CreateUserClientAsync("bob@strata.test");
        Clients["full"] = await App.CreateUserClientAsync("alice@strata.test");
        Clients["viewer"] = await App.CreateUserClientAsync("carol@strata.test");
    }

    /// <summary>Builds the tree, its grants and the users of <paramref name="app"/> through the API.</summary>
    public static async Task ArrangeAsync(StrataAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var admin = await app.CreateAdminClientAsync();
        using var alice = await app.CreateUserClientAsync("alice@strata.test");
        using var carol = await app.CreateUserClientAsync("carol@strata.test");
        using (await app.CreateUserClientAsync("bob@strata.test"))
        {
        }

        foreach (var folder in new[] { "/Shared/Team", "/Shared/Team/Elsewhere", Archive, Legal, Legal + "/Contracts" })
        {
            (await admin.MkdirAsync(folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await admin.PutTextAsync(Archive + "/readme.txt", "read me")).EnsureSuccessStatusCode();
        (await admin.PutTextAsync(Legal + "/secret.txt", "secret")).EnsureSuccessStatusCode();
        await admin.GrantUserAsync(Archive, "alice", "Full");
        await admin.GrantUserAsync(Archive, "carol", "Viewer");
        await admin.GrantUserAsync(Legal, "bob", "Full");
        await admin.GrantUserAsync(Legal, "alice", "None");
        await admin.GrantUserAsync(Legal, "carol", "None");
        (await alice.PutTextAsync("/Private/alice/mine.txt", "alice's")).EnsureSuccessStatusCode();
        (await carol.PutTextAsync("/Private/carol/mine.txt", "carol's")).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Bob.Dispose();
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
