using System.Text;
using System.Text.Json;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Notifications;

/// <summary>Each kind of notification reaches the right people, once, never the actor, and never someone who cannot see the item.</summary>
public sealed class NotificationDerivationTests : NotificationScenario
{
    [Fact]
    public async Task A_mention_notifies_the_mentioned_user_with_the_excerpt_and_not_the_actor()
    {
        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "7", ["threadId"] = "7", ["mentions"] = BobId, ["excerpt"] = "@bob this number is wrong" });

        var mention = await WaitForAsync(Bob, "mention", Report);

        mention.GetProperty("excerpt").GetString().ShouldBe("@bob this number is wrong");
        mention.GetProperty("text").GetString().ShouldBe("alice mentioned you on report.txt");
        mention.GetProperty("link").GetString().ShouldBe("/files/Shared/Team");
        mention.GetProperty("read").GetBoolean().ShouldBeFalse();
        await CatchUpAsync(Alice, AliceId);
        (await AboutAsync(Alice, Report)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reply_notifies_the_thread_author_once_even_when_also_mentioned_and_item_creator()
    {
        // Bob replies to alice's thread on alice's file, mentioning her: three reasons, one notification.
        await WriteEventAsync("CommentAdded", Report, BobId, new() { ["commentId"] = "8", ["threadId"] = "7", ["replyTo"] = AliceId, ["mentions"] = AliceId });

        await WaitForAsync(Alice, "mention", Report);
        await CatchUpAsync(Alice, AliceId);

        (await AboutAsync(Alice, Report)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_comment_notifies_the_item_creator_and_a_reply_the_thread_author()
    {
        await WriteEventAsync("CommentAdded", Report, BobId, new() { ["commentId"] = "9", ["threadId"] = "9" });
        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "10", ["threadId"] = "9", ["replyTo"] = BobId });

        (await WaitForAsync(Alice, "commentOnMyFile", Report)).GetProperty("text").GetString().ShouldBe("bob commented on report.txt");
        (await WaitForAsync(Bob, "reply", Report)).GetProperty("text").GetString().ShouldBe("alice replied to your comment on report.txt");
    }

    [Fact]
    public async Task Task_events_notify_assignees_and_completion_the_creator()
    {
        await WriteEventAsync("TaskCreated", Report, AliceId, new() { ["taskId"] = "1", ["kind"] = "Review", ["assignees"] = $"{BobId} {AliceId}", ["creator"] = AliceId });
        await WriteEventAsync("TaskDue", Report, null, new() { ["taskId"] = "1", ["assignees"] = BobId, ["creator"] = AliceId, ["reminder"] = "before" });
        await WriteEventAsync("TaskCompleted", Report, BobId, new() { ["taskId"] = "1", ["assignees"] = BobId, ["creator"] = AliceId, ["outcome"] = "Approved" });

        await WaitForAsync(Bob, "taskAssigned", Report);
        await WaitForAsync(Bob, "taskDue", Report);
        (await WaitForAsync(Alice, "taskDone", Report)).GetProperty("text").GetString().ShouldBe("bob completed your task on report.txt");
        await CatchUpAsync(Alice, AliceId);
        (await AboutAsync(Alice, Report)).Select(n => n.GetProperty("kind").GetString()).ShouldBe(["taskDone"]);
    }

    [Fact]
    public async Task Someone_who_cannot_see_the_item_gets_nothing()
    {
        await WriteEventAsync("CommentAdded", Report, AliceId, new() { ["commentId"] = "11", ["threadId"] = "11", ["mentions"] = $"{CarolId} {BobId}" });
        await WriteEventAsync("TaskCreated", Report, AliceId, new() { ["taskId"] = "2", ["assignees"] = CarolId, ["creator"] = AliceId });

        await WaitForAsync(Bob, "mention", Report);
        await CatchUpAsync(Carol, CarolId);

        (await AboutAsync(Carol, Report)).ShouldBeEmpty();
        (await PageAsync(Carol)).GetProperty("items").EnumerateArray().ShouldAllBe(n => n.GetProperty("path").GetString()!.Contains("marker"));
    }

    [Fact]
    public async Task Visibility_is_decided_at_delivery_so_a_trashed_item_notifies_nobody()
    {
        const string Doomed = Team + "/doomed.txt";
        (await Alice.PutTextAsync(Doomed, "x")).EnsureSuccessStatusCode();
        var node = await NodeIdAsync(Doomed);
        (await Alice.DeleteAsync(new Uri("/api/v1/fs" + Doomed, UriKind.Relative), Ct)).EnsureSuccessStatusCode();

        await WriteEventAsync("CommentAdded", Doomed, node, AliceId, new() { ["mentions"] = BobId, ["commentId"] = "1", ["threadId"] = "1" });
        await CatchUpAsync(Bob, BobId);

        (await AboutAsync(Bob, Doomed)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Sharing_a_folder_with_a_user_or_a_group_notifies_who_gained_access_but_not_the_actor()
    {
        const string Plans = "/Shared/Plans";
        (await Admin.MkdirAsync(Plans)).EnsureSuccessStatusCode();
        var group = await Admin.CreateGroupAsync("Planners");
        await Admin.AddMemberAsync(group, Carol);
        await Admin.AddMemberAsync(group, Admin);

        await Admin.GrantUserAsync(Plans, "bob", "Editor");
        await Admin.GrantGroupAsync(Plans, "Planners", "Viewer");

        (await WaitForAsync(Bob, "sharedWithMe", Plans)).GetProperty("text").GetString().ShouldBe("admin shared Plans with you");
        (await WaitForAsync(Carol, "sharedWithMe", Plans)).GetProperty("link").GetString().ShouldBe("/files/Shared/Plans");
        var adminId = await Admin.UserIdAsync();
        await CatchUpAsync(Admin, adminId);
        (await AboutAsync(Admin, Plans)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_a_grant_notifies_nobody_and_hides_its_details_from_the_events_api()
    {
        const string Plans = "/Shared/Gone";
        (await Admin.MkdirAsync(Plans)).EnsureSuccessStatusCode();
        await Admin.GrantUserAsync(Plans, "carol", "Viewer");
        await WaitForAsync(Carol, "sharedWithMe", Plans);
        await Admin.GrantUserAsync(Plans, "bob", "Viewer");
        (await Admin.DeleteAsync(new Uri($"/api/v1/permissions{Plans}?user=bob", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        await CatchUpAsync(Bob, BobId);

        (await AboutAsync(Bob, Plans)).Count.ShouldBe(0, "bob gained and lost access: he cannot see it now");
        var events = (await Carol.GetJsonAsync(new Uri("/api/v1/events?after=0&limit=1000", UriKind.Relative))).GetProperty("events").EnumerateArray();
        events.Where(e => e.GetProperty("type").GetString() == "PermissionsChanged")
            .ShouldAllBe(e => e.GetProperty("details").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Removing_a_grant_withdraws_what_its_holder_was_told_about_the_folder()
    {
        const string Plans = "/Shared/Withdrawn";
        (await Admin.MkdirAsync(Plans)).EnsureSuccessStatusCode();
        await Admin.GrantUserAsync(Plans, "carol", "Viewer"); // governed: without a grant a shared folder is open to all
        await Admin.GrantUserAsync(Plans, "bob", "Viewer");
        await WaitForAsync(Bob, "sharedWithMe", Plans);
        var unreadBefore = (await PageAsync(Bob)).GetProperty("unread").GetInt32();

        (await Admin.DeleteAsync(new Uri($"/api/v1/permissions{Plans}?user=bob", UriKind.Relative), Ct)).EnsureSuccessStatusCode();
        await CatchUpAsync(Bob, BobId);

        (await AboutAsync(Bob, Plans)).ShouldBeEmpty("the folder's name is no longer bob's to see");
        (await PageAsync(Bob)).GetProperty("unread").GetInt32().ShouldBe(unreadBefore, "one withdrawn, one marker added");
    }

    [Fact]
    public async Task An_upload_through_a_file_request_notifies_the_link_creator()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Team, kind = "upload" });
        using var visitor = App.CreateAnonymousClient();
        var bytes = Encoding.UTF8.GetBytes("invoice");

        using var uploaded = await visitor.SendAsLinkVisitorAsync(TusClient.LinkCreation("invoice.pdf", bytes.Length, bytes), token);
        uploaded.EnsureSuccessStatusCode();

        (await WaitForAsync(Alice, "linkUpload", Team + "/invoice.pdf")).GetProperty("text").GetString().ShouldBe("invoice.pdf was uploaded through your file request");
        await CatchUpAsync(Bob, BobId);
        (await AboutAsync(Bob, Team + "/invoice.pdf")).ShouldBeEmpty();
    }
}
