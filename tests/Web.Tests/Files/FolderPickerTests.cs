using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Strata.Domain.Files;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class FolderPickerTests : IAsyncLifetime
{
    private FolderViewContext _context = null!;

    public async ValueTask InitializeAsync() => _context = await FolderViewContext.CreateAsync();

    [Fact]
    public async Task A_double_click_on_a_folder_opens_that_folder_only()
    {
        await _context.MkdirAsync("/Private/alice/Archive");
        await _context.MkdirAsync("/Private/alice/Archive/2025");
        var host = _context.Bunit.Render<MudDialogProvider>();
        var parameters = new DialogParameters<FolderPickerDialog> { { d => d.Start, "/Private/alice" }, { d => d.Action, "Move here" } };
        var dialog = await host.InvokeAsync(() => _context.Bunit.Services.GetRequiredService<IDialogService>().ShowAsync<FolderPickerDialog>("Move", parameters));
        host.WaitForElement("[data-testid=picker-folder][data-name='Archive']");

        // The browser's two clicks: the second lands on the row that took Archive's place once it opened.
        host.Find("[data-testid=picker-folder][data-name='Archive']").Click(new MouseEventArgs { Detail = 1 });
        host.WaitForElement("[data-testid=picker-folder][data-name='2025']").Click(new MouseEventArgs { Detail = 2 });
        host.Find("[data-testid=picker-ok]").Click();

        var result = await dialog.Result;
        result!.Data.ShouldBe(NodePath.Parse("/Private/alice/Archive"));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
