using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Flags;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;
using static Strata.Web.Tests.Tasks.TaskClient;

namespace Strata.Web.Tests.Tasks;

public sealed class TasksApiTests : TeamScenario
{
    private const string Report = Team + "/report.txt";
    private const string Board = "/Shared/Board";

    private HttpClient Admin { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.CreateAdminClientAsync();
        (await Alice.PutTextAsync(Report, "figures")).EnsureSuccessStatusCode();
        await Admin.MkdirAsync(Board);
        await Admin.GrantUserAsync(Board, "alice", "Editor");
    }

    public override ValueTask DisposeAsync()
    {
        Admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_todo_is_given_shown_in_my_tasks_answered_and_journalled()
    {
        using var created = await Alice.CreateTaskAsync(new
        {
            path = Report, kind = "ToDo", title = "Fix the figures", note = "page 4", assignees = new[] { User("bob") },
            due = "2099-06-10T17:00", timeZone = "Europe/Berlin",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var task = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = task.GetProperty("id").GetInt64();
        task.GetProperty("status").GetString().ShouldBe("Open");
        task.GetProperty("due").GetProperty("utc").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2099, 6, 10, 15, 0, 0, TimeSpan.Zero));
        task.GetProperty("due").GetProperty("timeZone").GetString().ShouldBe("Europe/Berlin");
        task.GetProperty("createdBy").GetString().ShouldBe("alice");

        (await Bob.MyTaskIdsAsync()).ShouldBe([id]);
        (await Alice.MyTaskIdsAsync("?scope=created")).ShouldBe([id]);
        (await Alice.MyTaskIdsAsync()).ShouldBeEmpty();
        (await Bob.GetJsonAsync(On(Report))).EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ShouldBe([id]);

        (await Bob.RespondAsync(id, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Bob.StatusOfAsync(id)).ShouldBe("Done");
        (await Bob.MyTaskIdsAsync("?status=open")).ShouldBeEmpty();
        (await Bob.MyTaskIdsAsync("?status=done")).ShouldBe([id]);
        var bobId = await Bob.UserIdAsync();
        var events = await TaskEventsAsync(Alice);
        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["TaskCreated", "TaskCompleted"]);
        var details = events[1].GetProperty("details");
        details.GetProperty("taskId").GetString().ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        details.GetProperty("kind").GetString().ShouldBe("ToDo");
        details.GetProperty("assignees").GetString().ShouldBe(bobId);
        details.GetProperty("creator").GetString().ShouldBe(await Alice.UserIdAsync());
        details.GetProperty("outcome").GetString().ShouldBe("Done");
    }

    [Fact]
    public async Task A_user_of_another_folder_gets_404_for_its_tasks()
    {
        (await Alice.PutTextAsync(Board + "/plan.txt", "secret")).EnsureSuccessStatusCode();
        var id = await Alice.GiveTaskAsync(Board + "/plan.txt", "Review", [User("alice")]);

        (await Bob.GetAsync(Task(id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(On(Board + "/plan.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(new Uri("/api/v1/tasks/counts" + Board, UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.RespondAsync(id, "Done")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PatchTaskAsync(id, new { status = "Cancelled" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(Task(id + 1000), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.CreateTaskAsync(new { path = Board + "/plan.txt", kind = "ToDo", title = "x", assignees = new[] { User("bob") } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_sees_tasks_but_cannot_give_them()
    {
        await Admin.GrantUserAsync(Board, "bob", "Viewer");
        var id = await Alice.GiveTaskAsync(Board, "ToDo", [User("bob")]);

        using var refused = await Bob.CreateTaskAsync(new { path = Board, kind = "ToDo", title = "x", assignees = new[] { User("alice") } });

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Bob.StatusOfAsync(id)).ShouldBe("Open");
    }

    [Fact]
    public async Task An_assignee_who_cannot_see_the_item_is_refused_by_name_and_nothing_else()
    {
        using var refused = await Alice.CreateTaskAsync(new { path = Board, kind = "ToDo", title = "x", assignees = new[] { User("alice"), User("bob") } });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = await refused.ProblemDetailAsync();
        detail.ShouldBe("bob cannot see this item; share it with them first.");
        (await Alice.MyTaskIdsAsync("?scope=created")).ShouldBeEmpty();

        using var unknown = await Alice.CreateTaskAsync(new { path = Board, kind = "ToDo", title = "x", assignees = new[] { User("nobody") } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task My_tasks_hides_items_the_assignee_lost_access_to()
    {
        await Admin.GrantUserAsync(Board, "bob", "Viewer");
        var id = await Alice.GiveTaskAsync(Board, "Review", [User("bob")]);
        (await Bob.MyTaskIdsAsync()).ShouldBe([id]);

        (await Admin.DeleteAsync(SharingClient.Permissions(Board + "?user=bob"), Ct)).EnsureSuccessStatusCode();

        (await Bob.MyTaskIdsAsync()).ShouldBeEmpty();
        (await Bob.GetJsonAsync(TaskClient.Tasks)).GetProperty("total").GetInt32().ShouldBe(0);
        (await Bob.GetAsync(Task(id), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_answers_must_fit_the_kind()
    {
        var id = await Alice.GiveTaskAsync(Report, "Approval", [User("bob")]);

        using var bare = await Bob.RespondAsync(id, "Rejected");
        bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bare.ProblemDetailAsync()).ShouldBe("Rejecting needs a reason.");
        (await Bob.RespondAsync(id, "Done")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Bob.RespondAsync(id, "Maybe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.RespondAsync(id, "Approved")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Bob.RespondAsync(id, "Rejected", "page 4 is wrong")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var task = await Alice.GetJsonAsync(Task(id));
        task.GetProperty("status").GetString().ShouldBe("Rejected");
        task.GetProperty("responses")[0].GetProperty("note").GetString().ShouldBe("page 4 is wrong");
        (await Bob.RespondAsync(id, "Approved")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_group_under_all_needs_every_member_and_under_any_one()
    {
        using var carol = await App.CreateUserClientAsync("carol@strata.test");
        var reviewers = await Admin.CreateGroupAsync("Reviewers");
        await Admin.AddMemberAsync(reviewers, Bob);
        await Admin.AddMemberAsync(reviewers, carol);
        var all = await Alice.GiveTaskAsync(Report, "Review", [Group("Reviewers")], "All");
        var any = await Alice.GiveTaskAsync(Report, "Review", [Group("reviewers")], "Any");

        (await Bob.RespondAsync(all, "Done", "fine by me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.RespondAsync(any, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Alice.StatusOfAsync(all)).ShouldBe("Open");
        (await Alice.StatusOfAsync(any)).ShouldBe("Done");
        (await carol.RespondAsync(any, "Done")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Bob.RespondAsync(all, "Done")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await carol.RespondAsync(all, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.StatusOfAsync(all)).ShouldBe("Done");
        var task = await Alice.GetJsonAsync(Task(all));
        task.GetProperty("assignees").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["Reviewers"]);
        task.GetProperty("responses").EnumerateArray().Select(r => r.GetProperty("user").GetString()).ShouldBe(["bob", "carol"]);
    }

    [Fact]
    public async Task Only_the_creator_changes_or_cancels_an_open_task()
    {
        var id = await Alice.GiveTaskAsync(Report, "ToDo", [User("bob")]);

        (await Bob.PatchTaskAsync(id, new { title = "mine now" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var changed = await Alice.PatchTaskAsync(id, new { title = "Fix page 4", due = "2099-01-02T09:00", timeZone = "America/New_York", assignees = new[] { User("alice"), User("bob") } });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var task = await changed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        task.GetProperty("title").GetString().ShouldBe("Fix page 4");
        task.GetProperty("due").GetProperty("utc").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2099, 1, 2, 14, 0, 0, TimeSpan.Zero));
        (await Alice.MyTaskIdsAsync()).ShouldBe([id]);

        (await Alice.PatchTaskAsync(id, new { status = "Cancelled" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Bob.StatusOfAsync(id)).ShouldBe("Cancelled");
        (await Bob.RespondAsync(id, "Done")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Alice.PatchTaskAsync(id, new { title = "again" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var changes = (await TaskEventsAsync(Alice)).Where(e => e.GetProperty("type").GetString() == "TaskChanged").ToList();
        changes.Count.ShouldBe(2);
        changes[0].GetProperty("details").GetProperty("added").GetString().ShouldBe(await Alice.UserIdAsync());
        changes[1].GetProperty("details").GetProperty("status").GetString().ShouldBe("Cancelled");
    }

    [Fact]
    public async Task The_kind_changes_until_someone_answers_and_due_changes_are_journalled()
    {
        var id = await Alice.GiveTaskAsync(Report, "ToDo", [User("bob"), User("alice")], "All");

        using var toApproval = await Alice.PatchTaskAsync(id, new { kind = "Approval", due = "2099-02-03T10:00", timeZone = "Europe/Berlin" });
        toApproval.StatusCode.ShouldBe(HttpStatusCode.OK);
        var task = await toApproval.Content.ReadFromJsonAsync<JsonElement>(Ct);
        task.GetProperty("kind").GetString().ShouldBe("Approval");
        task.GetProperty("due").GetProperty("local").GetDateTime().ShouldBe(new DateTime(2099, 2, 3, 10, 0, 0));
        (await Bob.PatchTaskAsync(id, new { kind = "Review" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Alice.PatchTaskAsync(id, new { kind = "Chore" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Bob.RespondAsync(id, "Approved")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var fixedKind = await Alice.PatchTaskAsync(id, new { kind = "Review" });

        fixedKind.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixedKind.ProblemDetailAsync()).ShouldBe("The kind can no longer change: someone has already answered the task.");
        (await Alice.PatchTaskAsync(id, new { kind = "Approval", title = "Approve the figures" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = (await TaskEventsAsync(Alice)).Where(e => e.GetProperty("type").GetString() == "TaskChanged").Select(e => e.GetProperty("details")).ToList();
        changed.Select(d => d.GetProperty("kind").GetString()).ShouldBe(["Approval", "Approval", "Approval"]);
    }

    [Fact]
    public async Task Assignee_candidates_are_users_who_can_see_the_item_and_groups_with_who_cannot()
    {
        using var carol = await App.CreateUserClientAsync("carol@strata.test");
        await Admin.GrantUserAsync(Board, "carol", "Viewer");
        var reviewers = await Admin.CreateGroupAsync("Board reviewers");
        await Admin.AddMemberAsync(reviewers, Bob);
        await Admin.AddMemberAsync(reviewers, carol);
        var owners = await Admin.CreateGroupAsync("Board owners");
        await Admin.AddMemberAsync(owners, Alice);

        var candidates = (await Alice.GetJsonAsync(Assignees(Board, "o"))).EnumerateArray().ToList();

        candidates.Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("name").GetString()))
            .ShouldBe([("Group", "Board owners"), ("Group", "Board reviewers"), ("User", "carol")]);
        candidates[1].GetProperty("blind").EnumerateArray().Select(b => b.GetString()).ShouldBe(["bob"]);
        candidates[1].GetProperty("assignable").GetBoolean().ShouldBeFalse();
        candidates[0].GetProperty("assignable").GetBoolean().ShouldBeTrue();
        (await Alice.GetJsonAsync(Assignees(Report, "bob"))).EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["bob"]);
        (await Bob.GetAsync(Assignees(Board, "a"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Chore", "Europe/Berlin", "2099-06-10T17:00", "kind")]
    [InlineData("ToDo", "Mars/Olympus", "2099-06-10T17:00", "IANA")]
    [InlineData("ToDo", "Europe/Berlin", "2001-06-10T17:00", "passed")]
    [InlineData("ToDo", "Europe/Berlin", "2099-06-10T17:00+02:00", "without offset")]
    [InlineData("ToDo", "Europe/Berlin", "2099-03-29T02:30", "skip")]
    public async Task Bad_input_is_a_400_that_says_why(string kind, string timeZone, string due, string reason)
    {
        using var response = await Alice.CreateTaskAsync(new { path = Report, kind, title = "x", assignees = new[] { User("bob") }, due, timeZone });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain(reason);
    }

    [Fact]
    public async Task Rows_get_open_task_counts_in_one_call()
    {
        (await Alice.PutTextAsync(Team + "/other.txt", "x")).EnsureSuccessStatusCode();
        await Alice.GiveTaskAsync(Report, "ToDo", [User("bob")]);
        await Alice.GiveTaskAsync(Report, "Review", [User("bob")]);
        var done = await Alice.GiveTaskAsync(Team + "/other.txt", "ToDo", [User("bob")]);
        (await Bob.RespondAsync(done, "Done")).EnsureSuccessStatusCode();

        var counts = await Bob.GetJsonAsync(new Uri("/api/v1/tasks/counts" + Team, UriKind.Relative));

        counts.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("open").GetInt32())).ShouldBe([("report.txt", 2)]);
    }

    [Fact]
    public async Task The_tasks_api_answers_503_while_its_flag_is_off()
    {
        var id = await Alice.GiveTaskAsync(Report, "ToDo", [User("bob")]);

        (await Admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/Tasks", UriKind.Relative), new Strata.Infrastructure.Flags.FlagSettings(false, null, null, 100), Ct)).EnsureSuccessStatusCode();

        using var closed = await Bob.GetAsync(Task(id), Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        closed.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(FeatureGates.RetryAfterSeconds));
        (await Bob.GetAsync(TaskClient.Tasks, Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private static async Task<List<JsonElement>> TaskEventsAsync(HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/events?after=0&limit=1000", UriKind.Relative))).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString()!.StartsWith("Task", StringComparison.Ordinal))
            .ToList();
}
