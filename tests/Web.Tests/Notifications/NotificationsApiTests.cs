using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Notifications;

/// <summary><c>/api/v1/notifications</c>: listing, read and read-all, preferences, each only for the caller's own.</summary>
public sealed class NotificationsApiTests : NotificationScenario
{
    private static readonly Uri Preferences = new("/api/v1/notifications/preferences", UriKind.Relative);

    [Fact]
    public async Task Listing_is_newest_first_paged_with_the_unread_count()
    {
        await MentionBobAsync("1");
        await MentionBobAsync("2");
        await MentionBobAsync("3");
        await WaitForUnreadAsync(Bob, count => count >= 3);

        var first = await Bob.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/notifications?limit=2", UriKind.Relative), Ct);
        var before = first.GetProperty("before").GetInt64();
        var second = await Bob.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/notifications?limit=2&before={before}", UriKind.Relative), Ct);

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(n => n.GetProperty("id").GetInt64()).ToList();
        ids.ShouldBe(ids.OrderDescending().ToList());
        ids.Distinct().Count().ShouldBe(ids.Count);
        first.GetProperty("unread").GetInt32().ShouldBe(ids.Count);
    }

    [Fact]
    public async Task Read_one_and_read_all_lower_the_unread_count_and_only_for_the_owner()
    {
        // Start from nothing unread: the scenario's own share may have notified bob.
        await CatchUpAsync(Bob, BobId);
        (await Bob.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();
        await MentionBobAsync("1");
        await MentionBobAsync("2");
        await WaitForUnreadAsync(Bob, count => count == 2);
        var id = (await ListAsync(Bob))[0].GetProperty("id").GetInt64();

        (await Alice.PostAsync(new Uri($"/api/v1/notifications/{id}/read", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PostAsync(new Uri($"/api/v1/notifications/{id}/read", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var page = await PageAsync(Bob);
        page.GetProperty("unread").GetInt32().ShouldBe(1);
        page.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == id).GetProperty("read").GetBoolean().ShouldBeTrue();
        (await Bob.PostAsync(new Uri("/api/v1/notifications/read-all", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PageAsync(Bob)).GetProperty("unread").GetInt32().ShouldBe(0);
        (await Bob.PostAsync(new Uri("/api/v1/notifications/999999/read", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var anonymous = App.CreateAnonymousClient();

        (await anonymous.GetAsync(new Uri("/api/v1/notifications", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync(Preferences, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Preferences_start_at_the_defaults_and_round_trip()
    {
        var defaults = await Bob.GetFromJsonAsync<JsonElement>(Preferences, Ct);
        defaults.GetProperty("kinds").GetProperty("mention").GetProperty("email").GetBoolean().ShouldBeTrue();
        defaults.GetProperty("kinds").GetProperty("commentOnMyFile").GetProperty("email").GetBoolean().ShouldBeFalse();
        defaults.GetProperty("emailFrequency").GetString().ShouldBe("instant");

        using var saved = await Bob.PutAsJsonAsync(Preferences, new
        {
            kinds = new { linkUpload = new { inApp = false, email = true } },
            emailFrequency = "daily",
            digestHour = 7,
            timeZone = "Europe/Berlin",
        }, Ct);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);

        var now = await Bob.GetFromJsonAsync<JsonElement>(Preferences, Ct);
        now.GetProperty("kinds").GetProperty("linkUpload").GetProperty("inApp").GetBoolean().ShouldBeFalse();
        now.GetProperty("kinds").GetProperty("linkUpload").GetProperty("email").GetBoolean().ShouldBeTrue();
        now.GetProperty("kinds").GetProperty("mention").GetProperty("inApp").GetBoolean().ShouldBeTrue("kinds left out keep their setting");
        now.GetProperty("emailFrequency").GetString().ShouldBe("daily");
        now.GetProperty("digestHour").GetInt32().ShouldBe(7);
        now.GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        (await Alice.GetFromJsonAsync<JsonElement>(Preferences, Ct)).GetProperty("emailFrequency").GetString().ShouldBe("instant");
    }

    [Theory]
    [InlineData("{\"kinds\":{\"gossip\":{\"inApp\":true,\"email\":false}}}", "gossip")]
    [InlineData("{\"emailFrequency\":\"hourly\"}", "hourly")]
    [InlineData("{\"digestHour\":25}", "hour")]
    [InlineData("{\"timeZone\":\"Mars/Olympus\"}", "Mars/Olympus")]
    public async Task Invalid_preferences_are_refused_with_the_reason(string body, string reason)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Bob.PutAsync(Preferences, content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(reason);
    }

    [Fact]
    public async Task A_kind_switched_off_in_app_shows_nothing_in_app()
    {
        (await Bob.PutAsJsonAsync(Preferences, new { kinds = new { mention = new { inApp = false, email = false } } }, Ct)).EnsureSuccessStatusCode();

        await MentionBobAsync("1");
        await WriteEventAsync("TaskCreated", Report, AliceId, new() { ["taskId"] = "1", ["assignees"] = BobId, ["creator"] = AliceId });
        await WaitForAsync(Bob, "taskAssigned", Report);

        (await AboutAsync(Bob, Report)).Select(n => n.GetProperty("kind").GetString()).ShouldBe(["taskAssigned"]);
    }

    private Task MentionBobAsync(string commentId) =>
        WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = commentId, ["threadId"] = commentId, ["mentions"] = BobId });

    private static async Task WaitForUnreadAsync(HttpClient client, Func<int, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!done((await PageAsync(client)).GetProperty("unread").GetInt32()))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(100, Ct);
        }
    }
}
