using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

/// <summary>A new installation's first session, end to end, in one browser.</summary>
public sealed class FullFlowTests : BrowserScenario
{
    private const string Email = "owner@corp.test";
    private const string Password = "a long admin passphrase";

    [Fact]
    public async Task Setup_sign_in_create_upload_rename_move_delete_undo_restore_download_and_sign_out()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-flow-").FullName;
        var report = Path.Combine(source, "report.bin");
        await File.WriteAllBytesAsync(report, RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17), Ct);
        var tree = Directory.CreateDirectory(Path.Combine(source, "Photos"));
        await File.WriteAllTextAsync(Path.Combine(tree.FullName, "a.txt"), "a", Ct);
        var page = await OpenAnonymousAsync();

        // First-run setup signs the new administrator in.
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/account/setup");
        await page.GetByTestId("email").FillAsync(Email);
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("create-admin").ClickAsync();
        await page.WaitForURLAsync("**/files/Shared");
        await page.GotoAsync("/files/Private/owner");
        await WaitInteractiveAsync(page);

        // Create a folder, then upload a file and a folder into it by the pickers.
        await page.GetByTestId("new-folder").ClickAsync();
        await page.Locator("[data-testid=name-input] input, input[data-testid=name-input]").First.FillAsync("Project");
        await page.GetByTestId("name-ok").ClickAsync();
        await page.Locator("[data-testid=entry][data-name='Project'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Private/owner/Project$"));
        await UploadByButtonAsync(page, "upload-files", report);
        await UploadByButtonAsync(page, "upload-folder", tree.FullName);
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("2 uploaded");
        await Assertions.Expect(page.Locator("[data-testid=upload-item][data-state=Completed]")).ToHaveCountAsync(2);

        // Rename with F2.
        await Select(page, "report.bin");
        await page.GetByTestId("listing").PressAsync("F2");
        // As a person, wait for the dialog to select the part before the extension: filled sooner, the selection could
        // land between the fill's select-all and its typing, and "final.bin" replaced "report" alone ("final.bin.bin").
        await page.WaitForFunctionAsync("() => document.activeElement.selectionStart === 0 && document.activeElement.selectionEnd === 'report'.length");
        await page.Locator("[data-testid=name-input] input, input[data-testid=name-input]").First.FillAsync("final.bin");
        await page.GetByTestId("name-ok").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='final.bin']")).ToBeVisibleAsync();

        // Move it into Photos with the folder picker.
        await Select(page, "final.bin");
        await page.GetByTestId("move").ClickAsync();
        await page.GetByTestId("folder-picker").Locator("[data-testid=picker-folder][data-name='Photos']").ClickAsync();
        await page.GetByTestId("picker-ok").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='final.bin']")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=entry][data-name='Photos'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Private/owner/Project/Photos$"));

        // Delete, undo, delete again, then restore from the trash.
        var moved = page.Locator("[data-testid=entry][data-name='final.bin']");
        await Select(page, "final.bin");
        await page.GetByTestId("listing").PressAsync("Delete");
        await Assertions.Expect(moved).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(moved).ToBeVisibleAsync();
        await Select(page, "final.bin");
        await page.GetByTestId("listing").PressAsync("Delete");
        await Assertions.Expect(moved).ToHaveCountAsync(0);
        await page.GotoAsync("/trash");
        await page.Locator("[data-testid=trash-item][data-name='final.bin']").GetByTestId("restore").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trash-empty")).ToBeVisibleAsync();

        // Download it from the preview and compare the bytes.
        await page.GotoAsync("/files/Private/owner/Project/Photos");
        await Select(page, "final.bin");
        await page.GetByTestId("listing").PressAsync("Enter");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("preview-download").ClickAsync());
        var saved = Path.Combine(source, "downloaded.bin");
        await download.SaveAsAsync(saved);
        (await Sha256Async(saved)).ShouldBe(await Sha256Async(report));
        await page.Keyboard.PressAsync("Escape");

        await SignOutAsync(page);
        await page.WaitForURLAsync("**/account/login");
    }

    private static async Task Select(IPage page, string name)
    {
        await page.Locator($"[data-testid=entry][data-name='{name}']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("1 selected");
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
