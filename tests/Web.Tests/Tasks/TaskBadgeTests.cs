using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Tasks;

public sealed class TaskBadgeTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await FolderViewContext.CreateAsync();
        await _context.WriteAsync("/Private/alice/a.txt", "a");
        await _context.WriteAsync("/Private/alice/b.txt", "b");
    }

    [Fact]
    public async Task Rows_with_open_tasks_show_how_many()
    {
        var tasks = _context.App.Services.GetRequiredService<TaskService>();
        for (var i = 0; i < 2; i++)
        {
            var created = await tasks.CreateAsync(
                _context.Alice, new NewTask("/Private/alice/b.txt", TaskKind.ToDo, $"Check {i}", null, [new PrincipalName(PrincipalKind.User, "alice")], TaskCompletion.Any, null), CancellationToken.None);
            created.Succeeded.ShouldBeTrue(created.Detail);
        }

        var page = _context.RenderFolder("Private/alice");

        page.WaitForAssertion(() => page.FindAll("[data-testid=task-badge]").Select(b => b.TextContent.Trim()).ShouldBe(["2"]));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
