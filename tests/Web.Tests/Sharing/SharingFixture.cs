using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// One host for the permission matrix: <c>/Shared/Proj</c> governed by grants to a Viewers group (vic),
/// eddie (Editor), fred (Full) and olga (Owner); carol has nothing. Each case arranges its own items, so
/// cases do not depend on each other's order.
/// </summary>
public sealed class SharingFixture : IAsyncLifetime
{
    public const string Proj = "/Shared/Proj";

    public StrataAppFactory App { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public HttpClient Admin => Clients["admin"];

    public async ValueTask InitializeAsync()
    {
        Clients["anonymous"] = App.CreateAnonymousClient();
        Clients["admin"] = await App.CreateAdminClientAsync();
        foreach (var (role, name) in new[] { ("stranger", "carol"), ("viewer", "vic"), ("editor", "eddie"), ("full", "fred"), ("owner", "olga") })
        {
            Clients[role] = await App.CreateUserClientAsync($"{name}@strata.test");
        }

        (await Admin.MkdirAsync(Proj)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var viewers = await Admin.CreateGroupAsync("Viewers");
        await Admin.AddMemberAsync(viewers, Clients["viewer"]);
        await Admin.GrantGroupAsync(Proj, "Viewers", "Viewer");
        await Admin.GrantUserAsync(Proj, "eddie", "Editor");
        await Admin.GrantUserAsync(Proj, "fred", "Full");
        await Admin.GrantUserAsync(Proj, "olga", "Owner");
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
