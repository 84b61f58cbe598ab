using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Journal;

public sealed class EventsApiTests : TeamScenario
{
    [Fact]
    public async Task Every_mutation_is_journalled_in_order_with_old_paths_for_moves()
    {
        var start = await CursorAsync(Alice);
        await Alice.MkdirAsync("/Shared/Team/docs");
        (await Alice.PutTextAsync("/Shared/Team/docs/a.txt", "1")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync("/Shared/Team/docs/a.txt", "2")).EnsureSuccessStatusCode();
        (await Alice.ActAsync("/Shared/Team/docs/a.txt", new { action = "rename", name = "b.txt" })).EnsureSuccessStatusCode();
        (await Alice.ActAsync("/Shared/Team/docs/b.txt", new { action = "move", destination = "/Shared/Team/b.txt" })).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/b.txt"), Ct)).EnsureSuccessStatusCode();

        var events = await EventsAsync(Alice, start);

        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["FolderCreated", "FileCreated", "FileUpdated", "Renamed", "Moved", "Trashed"]);
        events.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBeInOrder(SortDirection.Ascending);
        events[3].GetProperty("oldPath").GetString().ShouldBe("/Shared/Team/docs/a.txt");
        events[4].GetProperty("path").GetString().ShouldBe("/Shared/Team/b.txt");
        events[4].GetProperty("oldPath").GetString().ShouldBe("/Shared/Team/docs/b.txt");
        events.ShouldAllBe(e => e.GetProperty("actorId").GetString() == events[0].GetProperty("actorId").GetString());
        events[1].GetProperty("nodeId").GetInt64().ShouldBe(events[2].GetProperty("nodeId").GetInt64());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats()
    {
        var start = await CursorAsync(Alice);
        for (var i = 0; i < 7; i++)
        {
            await Alice.MkdirAsync($"/Private/alice/f{i}");
        }

        var seen = new List<long>();
        var after = start;
        bool hasMore;
        do
        {
            var page = await Alice.GetJsonAsync(new Uri($"/api/v1/events?after={after}&limit=3", UriKind.Relative));
            var events = page.GetProperty("events").EnumerateArray().ToList();
            events.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(events.Select(e => e.GetProperty("sequence").GetInt64()));
            after = page.GetProperty("next").GetInt64();
            hasMore = page.GetProperty("hasMore").GetBoolean();
        }
        while (hasMore);

        seen.Count.ShouldBe(7);
        seen.ShouldBeUnique();
        seen.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Another_users_private_events_are_not_visible()
    {
        var start = await CursorAsync(Bob);
        await Alice.MkdirAsync("/Private/alice/hidden");
        await Alice.MkdirAsync("/Shared/Team/visible");

        var paths = (await EventsAsync(Bob, start)).Select(e => e.GetProperty("path").GetString()).ToList();

        paths.ShouldBe(["/Shared/Team/visible"]);
    }

    [Fact]
    public async Task A_move_out_of_a_private_space_hides_where_it_came_from()
    {
        (await Alice.PutTextAsync("/Private/alice/draft.txt", "d")).EnsureSuccessStatusCode();
        var start = await CursorAsync(Bob);
        (await Alice.ActAsync("/Private/alice/draft.txt", new { action = "move", destination = "/Shared/Team/draft.txt" })).EnsureSuccessStatusCode();

        var moved = (await EventsAsync(Bob, start)).Single();

        moved.GetProperty("path").GetString().ShouldBe("/Shared/Team/draft.txt");
        moved.GetProperty("oldPath").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static async Task<long> CursorAsync(HttpClient client)
    {
        var after = 0L;
        while (true)
        {
            var page = await client.GetJsonAsync(new Uri($"/api/v1/events?after={after}&limit=1000", UriKind.Relative));
            after = page.GetProperty("next").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return after;
            }
        }
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client, long after) =>
        (await client.GetJsonAsync(new Uri($"/api/v1/events?after={after}", UriKind.Relative))).GetProperty("events").EnumerateArray().ToList();
}
