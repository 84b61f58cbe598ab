using Strata.Domain.Notifications;

namespace Strata.Domain.Tests.Notifications;

public sealed class NotificationRulesTests
{
    private const string Actor = "u-actor";

    private static IReadOnlyDictionary<string, NotificationKind> Recipients(
        string type, Dictionary<string, string>? details = null, string? creator = null, string? linkCreator = null, string[]? grantees = null) =>
        NotificationRules.RecipientsOf(new NotifiableEvent(type, Actor, details ?? [], creator, linkCreator, grantees));

    [Fact]
    public void Comment_notifies_mentioned_replied_and_item_creator_each_once_with_the_strongest_reason()
    {
        var recipients = Recipients(
            "CommentAdded",
            new() { ["mentions"] = "u-m u-both", ["replyTo"] = "u-both" },
            creator: "u-owner");

        recipients.ShouldBe(new Dictionary<string, NotificationKind>
        {
            ["u-m"] = NotificationKind.Mention,
            ["u-both"] = NotificationKind.Mention,
            ["u-owner"] = NotificationKind.CommentOnMyFile,
        }, ignoreOrder: true);
    }

    [Fact]
    public void Reply_to_the_item_creator_is_a_reply_not_a_comment_on_their_file()
    {
        Recipients("CommentAdded", new() { ["replyTo"] = "u-owner" }, creator: "u-owner")
            .ShouldBe(new Dictionary<string, NotificationKind> { ["u-owner"] = NotificationKind.Reply });
    }

    [Fact]
    public void Nobody_is_notified_of_their_own_action()
    {
        Recipients("CommentAdded", new() { ["mentions"] = Actor, ["replyTo"] = Actor }, creator: Actor).ShouldBeEmpty();
        Recipients("TaskCreated", new() { ["assignees"] = Actor }).ShouldBeEmpty();
        Recipients("PermissionsChanged", grantees: [Actor]).ShouldBeEmpty();
    }

    [Fact]
    public void Edited_comment_notifies_only_newly_mentioned()
    {
        Recipients("CommentEdited", new() { ["mentions"] = "u-new", ["replyTo"] = "u-root" }, creator: "u-owner")
            .ShouldBe(new Dictionary<string, NotificationKind> { ["u-new"] = NotificationKind.Mention });
    }

    [Theory]
    [InlineData("TaskCreated", NotificationKind.TaskAssigned)]
    [InlineData("TaskChanged", NotificationKind.TaskAssigned)]
    [InlineData("TaskDue", NotificationKind.TaskDue)]
    public void Task_events_notify_assignees(string type, NotificationKind kind)
    {
        Recipients(type, new() { ["assignees"] = "u-a u-b", ["creator"] = "u-c" })
            .ShouldBe(new Dictionary<string, NotificationKind> { ["u-a"] = kind, ["u-b"] = kind }, ignoreOrder: true);
    }

    [Fact]
    public void Completed_task_notifies_its_creator()
    {
        Recipients("TaskCompleted", new() { ["assignees"] = "u-a", ["creator"] = "u-c", ["outcome"] = "Done" })
            .ShouldBe(new Dictionary<string, NotificationKind> { ["u-c"] = NotificationKind.TaskDone });
    }

    [Fact]
    public void Link_upload_notifies_the_link_creator_and_share_the_grantees()
    {
        Recipients("LinkUploaded", linkCreator: "u-link").ShouldBe(new Dictionary<string, NotificationKind> { ["u-link"] = NotificationKind.LinkUpload });
        Recipients("PermissionsChanged", grantees: ["u-a", "u-b"])
            .ShouldBe(new Dictionary<string, NotificationKind> { ["u-a"] = NotificationKind.SharedWithMe, ["u-b"] = NotificationKind.SharedWithMe }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("FileCreated")]
    [InlineData("CommentDeleted")]
    [InlineData("TagAdded")]
    public void Other_events_notify_nobody(string type)
    {
        Recipients(type, new() { ["mentions"] = "u-m", ["assignees"] = "u-a" }, creator: "u-owner", linkCreator: "u-link").ShouldBeEmpty();
    }
}
