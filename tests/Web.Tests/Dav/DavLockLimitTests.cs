using System.Net;

namespace Strata.Web.Tests.Dav;

/// <summary>DAV-specific DoS (docs/decisions/0009): one account locking in a loop is stopped at a cap, with a 429.</summary>
public sealed class DavLockLimitTests : TeamScenario
{
    private const string Home = "/Private/alice";

    public override async ValueTask InitializeAsync()
    {
        App.Settings["Strata:Dav:MaxLocksPerUser"] = "3";
        await base.InitializeAsync();
    }

    [Fact]
    public async Task An_account_at_its_lock_limit_gets_429_until_it_unlocks_and_others_are_not_held_back()
    {
        (await Alice.PutAsync($"{Home}/held.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var first = await Alice.LockAsync($"{Home}/held.txt");
        await Alice.LockAsync($"{Home}/new-1.txt");
        await Alice.LockAsync($"{Home}/new-2.txt");

        using var refused = await Alice.SendAsync("LOCK", $"{Home}/new-3.txt", DavClient.LockBody(), ("Depth", "0"), ("Timeout", "Second-600"));
        using var probe = await Alice.PropfindAsync($"{Home}/new-3.txt", "0");
        using var refresh = await Alice.SendAsync("LOCK", $"{Home}/held.txt", null, ("If", $"(<{first}>)"), ("Timeout", "Second-600"));
        var bobs = await Bob.LockAsync($"{Team}/bob.txt");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 600);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("You hold 3 WebDAV locks");
        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        bobs.ShouldStartWith("urn:uuid:");

        using var unlocked = await Alice.SendAsync("UNLOCK", $"{Home}/held.txt", null, ("Lock-Token", $"<{first}>"));
        unlocked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = await Alice.SendAsync("LOCK", $"{Home}/new-3.txt", DavClient.LockBody(), ("Depth", "0"));
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
