using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement.FeatureFilters;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Journal;
using Strata.Web.Live;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Tags;

/// <summary>The live feed carries a shared tag to every viewer of the folder, a personal tag and a star to their actor only.</summary>
public sealed class TagsLiveTests : TeamScenario
{
    [Fact]
    public async Task Private_events_reach_only_their_actor_in_the_live_feed()
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "a")).EnsureSuccessStatusCode();
        var start = await App.Services.GetRequiredService<JournalReader>().LatestSequenceAsync(Ct);
        (await Alice.TagAsync("Draft", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("mine", Team + "/a.txt", "personal")).EnsureSuccessStatusCode();
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/a.txt"), null, Ct)).EnsureSuccessStatusCode();
        var broadcaster = App.Services.GetRequiredService<JournalBroadcaster>();
        var group = FolderFeed.GroupOf(NodePath.Parse(Team));

        var bobs = await broadcaster.JoinAsync("bob-connection", await ListenerAsync(Bob, "bob"), group, start, Ct);
        var alices = await broadcaster.JoinAsync("alice-connection", await ListenerAsync(Alice, "alice"), group, start, Ct);
        broadcaster.Forget("bob-connection");
        broadcaster.Forget("alice-connection");

        bobs.Events.Select(e => e.Type).ShouldBe(["TagAdded"]);
        alices.Events.Select(e => e.Type).ShouldBe(["TagAdded", "TagAdded", "Favorited"]);
    }

    private static async Task<Listener> ListenerAsync(HttpClient client, string name) =>
        new(new Caller(await client.UserIdAsync(), name, IsAdmin: false), new TargetingContext { UserId = name });
}
