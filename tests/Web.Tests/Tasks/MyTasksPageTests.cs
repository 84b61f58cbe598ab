using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Tasks.TaskClient;

namespace Strata.Web.Tests.Tasks;

public sealed class MyTasksPageTests : TeamScenario
{
    private static readonly Uri Page = new("/tasks", UriKind.Relative);

    [Fact]
    public async Task My_tasks_lists_what_is_assigned_and_what_was_created_and_the_nav_links_to_it()
    {
        (await Alice.PutTextAsync(Team + "/report.txt", "x")).EnsureSuccessStatusCode();
        using var created = await Alice.CreateTaskAsync(new { path = Team + "/report.txt", kind = "Approval", title = "Approve the installer", assignees = new[] { User("bob") } });
        created.EnsureSuccessStatusCode();

        var bobs = await HtmlAsync(Bob, Page);
        bobs.ShouldContain("Approve the installer");
        bobs.ShouldContain("href=\"/tasks\"");
        (await HtmlAsync(Alice, Page)).ShouldNotContain("Approve the installer");
        (await HtmlAsync(Alice, new Uri("/tasks?scope=created", UriKind.Relative))).ShouldContain("Approve the installer");
        (await HtmlAsync(Bob, new Uri("/tasks?status=done", UriKind.Relative))).ShouldNotContain("Approve the installer");
    }

    [Fact]
    public async Task With_the_flag_off_the_page_says_so_and_the_nav_hides_it()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/Tasks", UriKind.Relative), new Strata.Infrastructure.Flags.FlagSettings(false, null, null, 100), Ct)).EnsureSuccessStatusCode();

        var html = await HtmlAsync(Bob, Page);

        html.ShouldContain("Tasks are switched off.");
        html.ShouldNotContain("href=\"/tasks\"");
    }

    private static async Task<string> HtmlAsync(HttpClient client, Uri uri)
    {
        using var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
