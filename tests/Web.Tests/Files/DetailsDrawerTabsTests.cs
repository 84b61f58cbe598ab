using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Flags;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

/// <summary>The details drawer's tabs, and giving a task from its Tasks tab as a person does it.</summary>
public sealed class DetailsDrawerTabsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync("/Private/alice/plan.txt", "plan");
    }

    [Fact]
    public void The_drawer_shows_all_six_tabs_with_details_first()
    {
        var drawer = OpenDetails();

        Tabs(drawer).ShouldBe(["Details", "Comments", "Tasks", "Activity", "Versions", "Sharing"]);
        drawer.Find("[data-testid=details-path]").TextContent.ShouldBe("/Private/alice/plan.txt");
    }

    [Fact]
    public async Task Comments_and_tasks_tabs_are_hidden_while_their_flags_are_off()
    {
        var flags = _context.App.Services.GetRequiredService<FlagStore>();
        await flags.UpdateAsync(FlagNames.Comments, new FlagSettings(false, null, null, 0), actor: null, Xunit.TestContext.Current.CancellationToken);
        await flags.UpdateAsync(FlagNames.Tasks, new FlagSettings(false, null, null, 0), actor: null, Xunit.TestContext.Current.CancellationToken);

        var drawer = OpenDetails();

        Tabs(drawer).ShouldBe(["Details", "Activity", "Versions", "Sharing"]);
    }

    [Fact]
    public void The_versions_tab_lists_the_versions()
    {
        var drawer = OpenDetails();

        Tab(drawer, "Versions").Click();

        drawer.WaitForAssertion(() => drawer.FindAll("[data-testid=version]").Count.ShouldBe(1), Patience);
    }

    [Fact]
    public void A_task_given_from_the_tasks_tab_shows_in_its_list_and_can_be_answered()
    {
        var drawer = OpenDetails();

        Tab(drawer, "Tasks").Click();
        drawer.WaitForAssertion(() => drawer.Find("[data-testid=item-tasks-empty]"), Patience);
        Field(drawer, "task-title-input").Input("Check the figures");
        Assign(drawer, "alice");
        drawer.Find("[data-testid=task-save]").Click();

        drawer.WaitForAssertion(() => drawer.Find("[data-testid=item-task-title]").TextContent.ShouldBe("Check the figures"), Patience);
        drawer.Find("[data-testid=item-task]").GetAttribute("data-status").ShouldBe("Open");
        drawer.Find("[data-testid=task-done]").Click();
        drawer.WaitForAssertion(() => drawer.Find("[data-testid=item-task]").GetAttribute("data-status").ShouldBe("Done"), Patience);
    }

    [Fact]
    public void A_task_the_service_refuses_shows_its_reason_and_one_without_assignees_is_not_sent()
    {
        var drawer = OpenDetails();

        Tab(drawer, "Tasks").Click();
        drawer.WaitForAssertion(() => drawer.Find("[data-testid=task-save]"), Patience);
        Field(drawer, "task-title-input").Input("Check");
        drawer.Find("[data-testid=task-save]").Click();
        drawer.WaitForAssertion(() => drawer.Find("[data-testid=task-form-problem]").TextContent.ShouldBe("Add at least one user or group."), Patience);
        Assign(drawer, "alice");
        Field(drawer, "task-due").Input("2001-06-10T17:00");
        drawer.Find("[data-testid=task-save]").Click();

        drawer.WaitForAssertion(() => drawer.Find("[data-testid=task-form-problem]").TextContent.ShouldBe("The due time has already passed; give one in the future."), Patience);
        drawer.FindAll("[data-testid=item-task]").ShouldBeEmpty();
    }

    [Fact]
    public void The_activity_tab_lists_the_items_events()
    {
        var drawer = OpenDetails();

        Tab(drawer, "Activity").Click();

        drawer.WaitForAssertion(() => drawer.FindAll("[data-testid=item-activity-row]").ShouldNotBeEmpty(), Patience);
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private IRenderedComponent<DetailsDrawer> OpenDetails()
    {
        var page = _context.RenderFolder("Private/alice");
        FolderViewContext.Entry(page, "plan.txt").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=details-button]").HasAttribute("disabled").ShouldBeFalse());
        page.Find("[data-testid=details-button]").Click();
        var drawer = page.FindComponent<DetailsDrawer>();
        drawer.WaitForAssertion(() => drawer.Find("[data-testid=details-path]"), Patience);
        return drawer;
    }

    private static string[] Tabs(IRenderedComponent<DetailsDrawer> drawer) =>
        [.. drawer.FindAll("[role=tab]").Select(t => t.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Tab(IRenderedComponent<DetailsDrawer> drawer, string name) =>
        drawer.FindAll("[role=tab]").Single(t => t.TextContent.Trim() == name);

    /// <summary>Types the name into the assignee search and clicks the suggestion, which shows in the popover beside the page.</summary>
    private void Assign(IRenderedComponent<DetailsDrawer> drawer, string name)
    {
        Field(drawer, "task-assignee-search").Input(name);
        var host = _context.Host;
        host.WaitForAssertion(() => host.Find($"[data-testid=task-assignee-candidate][data-name='{name}']"), Patience);
        host.Find($"[data-testid=task-assignee-candidate][data-name='{name}']").Click();
        drawer.WaitForAssertion(() => drawer.Find($"[data-testid=task-assignee][data-name='{name}']"), Patience);
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<DetailsDrawer> drawer, string testId) =>
        drawer.Find($"input[data-testid={testId}], [data-testid={testId}] input");
}
