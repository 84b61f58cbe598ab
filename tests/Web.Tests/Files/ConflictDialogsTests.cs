using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Strata.Web.Files;
using Strata.Web.Uploads;

namespace Strata.Web.Tests.Files;

/// <summary>The two name-conflict dialogs (upload, and Move/Copy) ask the same question the same way.</summary>
public sealed class ConflictDialogsTests : BunitContext
{
    public ConflictDialogsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public async Task Both_order_their_buttons_alike_and_one_file_is_one_file()
    {
        var host = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        _ = host.InvokeAsync(() => UploadConflictDialog.AskAsync(dialogs, 1));
        var upload = host.WaitForElement("[data-testid=upload-conflict]");
        var uploadTitle = host.Find(".mud-dialog-title").TextContent.Trim();
        var uploadButtons = Buttons(host);
        await host.InvokeAsync(() => host.Find("[data-testid=keep-both]").Click());

        var parameters = new DialogParameters<ConflictDialog> { { d => d.Name, "report.txt" }, { d => d.Folder, "/Shared" }, { d => d.CanReplace, true } };
        _ = host.InvokeAsync(() => dialogs.ShowAsync<ConflictDialog>("Name already taken", parameters));
        host.WaitForElement("[data-testid=conflict]");
        var transferButtons = Buttons(host);

        upload.ShouldNotBeNull();
        uploadTitle.ShouldBe("A file already exists");
        uploadButtons.ShouldBe(["Cancel", "Replace (new version)", "Keep both"]);
        transferButtons.ShouldBe(["Skip", "Replace (new version)", "Keep both"]);
    }

    private static List<string> Buttons(IRenderedComponent<MudDialogProvider> host) =>
        host.FindAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim()).ToList();
}
