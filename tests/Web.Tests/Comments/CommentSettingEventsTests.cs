using System.Net;
using System.Text.Json;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;
using Strata.Web.Tests.Tags;

namespace Strata.Web.Tests.Comments;

/// <summary>
/// A folder's comment setting is journalled with the change: those who see the folder read it, others do not,
/// and repeating the setting the folder already has writes nothing.
/// </summary>
public sealed class CommentSettingEventsTests : TeamScenario
{
    private const string Board = "/Shared/Board";
    private HttpClient _admin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        (await _admin.MkdirAsync(Board)).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync(Board, "alice", "Viewer");
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Each_change_of_the_setting_is_one_event_seen_by_those_who_see_the_folder()
    {
        (await _admin.SetCommentPolicyAsync(Board, "Editors")).EnsureSuccessStatusCode();
        (await _admin.SetCommentPolicyAsync(Board, "Editors")).EnsureSuccessStatusCode();
        (await _admin.SetCommentPolicyAsync(Board, "Off")).EnsureSuccessStatusCode();
        (await _admin.SetCommentPolicyAsync(Board, null)).EnsureSuccessStatusCode();
        (await _admin.SetCommentPolicyAsync(Board, null)).EnsureSuccessStatusCode();

        var alices = Settings(await Alice.AllEventsAsync());
        alices.Select(e => e.GetProperty("details").GetProperty("policy").GetString()).ShouldBe(["Editors", "Off", "Inherited"]);
        alices.ShouldAllBe(e => e.GetProperty("path").GetString() == Board && e.GetProperty("isFolder").GetBoolean());
        Settings(await Bob.AllEventsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_change_writes_no_event()
    {
        using var refused = await Alice.SetCommentPolicyAsync(Board, "Off");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Settings(await _admin.AllEventsAsync()).ShouldBeEmpty();
    }

    private static List<JsonElement> Settings(IEnumerable<JsonElement> events) =>
        events.Where(e => e.GetProperty("type").GetString() == "CommentSettingChanged").ToList();
}
