using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests;

/// <summary>A fresh host with an administrator-made <c>/Shared/Team</c> and two users, alice and bob.</summary>
public abstract class TeamScenario : IAsyncLifetime
{
    protected const string Team = "/Shared/Team";

    protected StrataAppFactory App { get; } = new();

    protected HttpClient Alice { get; private set; } = null!;

    protected HttpClient Bob { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.MkdirAsync(Team)).StatusCode.ShouldBe(HttpStatusCode.Created);
        Alice = await App.CreateUserClientAsync("alice@strata.test");
        Bob = await App.CreateUserClientAsync("bob@strata.test");
    }

    public virtual ValueTask DisposeAsync()
    {
        Alice.Dispose();
        Bob.Dispose();
        App.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
