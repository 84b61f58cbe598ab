using System.Net;
using System.Xml.Linq;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>LOCK's and UNLOCK's success and error paths, and what a lock guards, through the real host.</summary>
public sealed class LockHandlerTests : DavScenario
{
    [Theory]
    [InlineData("Infinite")]
    [InlineData("Second-4294967296")]
    [InlineData("Infinite, Second-4100000000")]
    public async Task A_lock_lasts_at_most_an_hour_whatever_it_asks(string timeout)
    {
        (await Alice.PutAsync($"{Home}/held.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.SendAsync("LOCK", $"{Home}/held.txt", LockBody(), ("Timeout", timeout));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Descendants(D + "timeout").Single().Value.ShouldBe("Second-3600");
    }

    [Fact]
    public async Task Lock_requires_the_token_for_writes_and_unlock_releases_it()
    {
        (await Alice.PutAsync($"{Home}/l.txt", "l")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Home}/l.txt");

        using var withoutToken = await Alice.PutAsync($"{Home}/l.txt", "no");
        using var secondLock = await Alice.SendAsync("LOCK", $"{Home}/l.txt", LockBody(), ("Depth", "0"));
        using var withToken = await Alice.PutAsync($"{Home}/l.txt", "yes", ("If", $"(<{token}>)"));
        var discovery = await Alice.PropfindXmlAsync($"{Home}/l.txt", "0", NamedPropBody(D + "lockdiscovery"));
        using var unlocked = await Alice.SendAsync("UNLOCK", $"{Home}/l.txt", null, ("Lock-Token", token));
        using var afterUnlock = await Alice.PutAsync($"{Home}/l.txt", "free");

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await withoutToken.Content.ReadAsStringAsync(Ct)).ShouldContain("lock-token-submitted");
        secondLock.StatusCode.ShouldBe(HttpStatusCode.Locked);
        withToken.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        discovery.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
        unlocked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterUnlock.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Lock_on_an_unmapped_url_creates_an_empty_file_and_a_refresh_extends_it()
    {
        using var created = await Alice.SendAsync("LOCK", $"{Home}/new.txt", LockBody(), ("Depth", "0"));
        var token = created.Headers.GetValues("Lock-Token").Single().Trim('<', '>');

        using var refreshed = await Alice.SendAsync("LOCK", $"{Home}/new.txt", null, ("If", $"(<{token}>)"), ("Timeout", "Second-100"));
        using var unknownUnlock = await Alice.SendAsync("UNLOCK", $"{Home}/new.txt", null, ("Lock-Token", "<urn:uuid:00000000-0000-0000-0000-000000000000>"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.GetByteArrayAsync(DavUri($"{Home}/new.txt"), Ct)).ShouldBeEmpty();
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refreshed.Content.ReadAsStringAsync(Ct)).ShouldContain("Second-100");
        unknownUnlock.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_file_locked_over_webdav_cannot_be_changed_by_another_user_through_the_rest_api()
    {
        (await Alice.PutAsync($"{Team}/plan.txt", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.LockAsync($"{Team}/plan.txt");

        using var put = await Bob.PutTextAsync($"{Team}/plan.txt", "bob was here");
        using var delete = await Bob.DeleteAsync(FsClient.Fs($"{Team}/plan.txt"), Ct);
        using var move = await Bob.ActAsync($"{Team}/plan.txt", new { action = "move", destination = $"{Team}/moved.txt" });
        using var ownerPut = await Alice.PutTextAsync($"{Team}/plan.txt", "v2");

        put.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await put.ProblemDetailAsync()).ShouldContain("locked");
        delete.StatusCode.ShouldBe(HttpStatusCode.Locked);
        move.StatusCode.ShouldBe(HttpStatusCode.Locked);
        ownerPut.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_depth_infinity_lock_guards_everything_below_its_folder_and_nothing_beside_it()
    {
        foreach (var folder in new[] { $"{Team}/Specs", $"{Team}/Specs/v2", $"{Team}/Specs2" })
        {
            (await Alice.MkdirAsync(folder)).EnsureSuccessStatusCode();
        }

        (await Alice.PutAsync($"{Team}/Specs/v2/a.txt", "a")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Team}/Specs", depth: "infinity");

        using var below = await Bob.PutTextAsync($"{Team}/Specs/v2/a.txt", "bob");
        using var beside = await Bob.PutTextAsync($"{Team}/Specs2/b.txt", "bob");
        var discovered = await Alice.PropfindXmlAsync($"{Team}/Specs/v2/a.txt", "0", NamedPropBody(D + "lockdiscovery"));
        var besideDiscovered = await Alice.PropfindXmlAsync($"{Team}/Specs2/b.txt", "0", NamedPropBody(D + "lockdiscovery"));

        below.StatusCode.ShouldBe(HttpStatusCode.Locked);
        beside.StatusCode.ShouldBe(HttpStatusCode.Created);
        discovered.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
        besideDiscovered.Descendants(D + "locktoken").ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_holder_of_a_shared_lock_writes_with_their_own_token()
    {
        (await Alice.PutAsync($"{Team}/doc.txt", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.LockAsync($"{Team}/doc.txt", shared: true);
        var bobs = await Bob.LockAsync($"{Team}/doc.txt", shared: true);

        using var withToken = await Bob.PutAsync($"{Team}/doc.txt", "v2", ("If", $"(<{bobs}>)"));
        using var exclusive = await Bob.SendAsync("LOCK", $"{Team}/doc.txt", LockBody(), ("Depth", "0"));

        withToken.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        exclusive.StatusCode.ShouldBe(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Only_the_lock_owner_or_an_administrator_releases_a_lock()
    {
        (await Alice.PutAsync($"{Team}/shared.txt", "s")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Team}/shared.txt");
        using var admin = await App.CreateAdminClientAsync();

        using var byBob = await Bob.SendAsync("UNLOCK", $"{Team}/shared.txt", null, ("Lock-Token", $"<{token}>"));
        using var byAdmin = await admin.SendAsync("UNLOCK", $"{Team}/shared.txt", null, ("Lock-Token", token));

        byBob.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await byBob.Content.ReadAsStringAsync(Ct)).ShouldNotContain(token);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Bob.PutTextAsync($"{Team}/shared.txt", "free")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Locks_survive_a_restart()
    {
        (await Alice.PutAsync($"{Home}/keep.txt", "k")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Home}/keep.txt");
        Alice.Dispose();
        Bob.Dispose();

        using var restarted = App.Restart();
        App.Dispose();
        using var alice = await restarted.CreateUserClientAsync("alice@strata.test");
        using var refused = await alice.PutAsync($"{Home}/keep.txt", "x");
        var discovery = await alice.PropfindXmlAsync($"{Home}/keep.txt", "0", NamedPropBody(D + "lockdiscovery"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Locked);
        discovery.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
    }
}
