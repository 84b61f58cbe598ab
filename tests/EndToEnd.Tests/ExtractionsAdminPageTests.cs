using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Strata.Infrastructure.Flags;
using Strata.Tests.Previews;
using Strata.Tests.Search;
using Strata.Web.Tests;
using Strata.Web.Tests.Search;

namespace Strata.EndToEnd.Tests;

/// <summary>An administrator finds a file whose text could not be read in the menu, reads why, and has it read again.</summary>
public sealed class ExtractionsAdminPageTests : BrowserScenario
{
    private const string Bomb = "/Shared/Team/bomb.docx";

    [Fact]
    public async Task An_administrator_sees_why_a_file_failed_and_retries_it()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.Thumbnails}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        await MkdirAsync(admin, "/Shared/Team");
        var bomb = HostileFiles.ZipBomb(TestDocuments.Docx("Quarterly forecast"), "word/document.xml", blanks: 1024L * 1024 * 1024);
        using (var put = await admin.PutAsync(new Uri("/api/v1/fs-content" + Bomb, UriKind.Relative), new ByteArrayContent(bomb), Ct))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var failed = await admin.UntilListedAsync("failed", Bomb);

        var page = await OpenAsBasicUserAsync(StrataAppFactory.AdminEmail);
        await page.GotoAsync("/files/Shared");
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Search extraction" }).ClickAsync();

        await Assertions.Expect(page.Locator($"[data-testid=extraction][data-path='{Bomb}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("extraction-reason")).ToHaveTextAsync(
            "Not read: word/document.xml inflates to 1,024 MB, more than 256 MB (a zip bomb?).");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retry {Bomb}" }).ClickAsync();

        await Assertions.Expect(page.GetByText($"Reading the text of {Bomb} again.")).ToBeVisibleAsync();
        var queuedAt = failed.GetProperty("queuedAt").GetDateTimeOffset();
        await admin.UntilListedAsync("failed", Bomb, f => f.GetProperty("queuedAt").GetDateTimeOffset() > queuedAt);
    }
}
