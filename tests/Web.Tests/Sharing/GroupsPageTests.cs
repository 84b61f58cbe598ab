using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Sharing;
using Strata.Web.Sharing;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>The groups page over the real <see cref="GroupService"/>.</summary>
public sealed class GroupsPageTests : IAsyncDisposable
{
    private readonly AdminPageContext _context = new();
    private IRenderedComponent<IComponent> _host = null!;

    private GroupService Groups => _context.App.Services.GetRequiredService<GroupService>();

    [Fact]
    public async Task A_created_group_is_listed_with_no_members_and_a_taken_name_is_refused()
    {
        _host = await _context.RenderAsync<GroupsPage>();

        Create("Sales");
        _host.WaitForAssertion(() => _host.Find("tr:has([data-name='Sales']) [data-testid=member-count]").TextContent.ShouldBe("0"));

        Create("SALES");

        _host.WaitForAssertion(() => _host.FindAll(".mud-snackbar").ShouldContain(bar => bar.TextContent.Contains("already exists", StringComparison.Ordinal)));
        _host.FindAll("[data-testid=group-row]").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Deleting_asks_first_then_removes_the_group_and_its_grants()
    {
        using (var admin = await _context.App.CreateAdminClientAsync())
        {
            (await admin.MkdirAsync("/Shared/Proj")).EnsureSuccessStatusCode();
            await admin.CreateGroupAsync("Readers");
            await admin.GrantGroupAsync("/Shared/Proj", "Readers", "Viewer");
        }

        _host = await _context.RenderAsync<GroupsPage>();
        _host.WaitForAssertion(() => _host.Find("tr:has([data-name='Readers']) [data-testid=delete-group]").Click());
        _context.Confirm("Delete");

        _host.WaitForAssertion(() => _host.FindAll("[data-testid=group-row]").ShouldBeEmpty());
        (await Groups.ListAsync(Xunit.TestContext.Current.CancellationToken)).ShouldBeEmpty();
        var administrator = await _context.FindUserAsync(StrataAppFactory.AdminEmail);
        var grants = await _context.App.Services.GetRequiredService<PermissionService>()
            .ListAsync(new Caller(administrator!.Id, administrator.UserName!, IsAdmin: true), NodePath.Parse("/Shared/Proj"), Xunit.TestContext.Current.CancellationToken);
        grants.Value.ShouldBeEmpty();
    }

    private void Create(string name)
    {
        _host.Find("input[data-testid=new-group-name]").Input(name);
        _host.Find("[data-testid=create-group]").Click();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
