using System.Net;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

public sealed class UploadTests : BrowserScenario
{
    private const string Email = "alice@strata.test";

    [Fact]
    public async Task Files_and_a_folder_upload_by_the_pickers_with_progress_to_completion()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-upload-").FullName;
        var big = Path.Combine(source, "build 42.bin");
        await File.WriteAllBytesAsync(big, RandomNumberGenerator.GetBytes(12 * 1024 * 1024), Ct);
        var tree = Directory.CreateDirectory(Path.Combine(source, "Crash dumps"));
        Directory.CreateDirectory(Path.Combine(tree.FullName, "Nested"));
        await File.WriteAllTextAsync(Path.Combine(tree.FullName, "readme.txt"), "dumps", Ct);
        await File.WriteAllTextAsync(Path.Combine(tree.FullName, "Nested", "ünïcode.txt"), "nested", Ct);
        var page = await OpenAsBasicUserAsync(Email);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);

        await UploadByButtonAsync(page, "upload-files", big);
        await UploadByButtonAsync(page, "upload-folder", tree.FullName);

        var panel = page.GetByTestId("upload-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("3 uploaded", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=upload-item][data-name='Crash dumps/Nested/ünïcode.txt']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='build 42.bin']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='Crash dumps']")).ToBeVisibleAsync();
        using var api = App.CreateAnonymousClient();
        api.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, StrataAppFactory.Password);
        (await HashOfAsync(api, "/Private/alice/build 42.bin")).ShouldBe(await HashOfFileAsync(big));
        (await HashOfAsync(api, "/Private/alice/Crash dumps/Nested/ünïcode.txt")).ShouldBe(await HashOfFileAsync(Path.Combine(tree.FullName, "Nested", "ünïcode.txt")));
    }

    [Fact]
    public async Task A_name_conflict_offers_keep_both()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-conflict-").FullName;
        var file = Path.Combine(source, "report.txt");
        await File.WriteAllTextAsync(file, "first", Ct);
        var page = await OpenAsBasicUserAsync(Email);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await UploadByButtonAsync(page, "upload-files", file);
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("1 uploaded");

        await File.WriteAllTextAsync(file, "second", Ct);
        await UploadByButtonAsync(page, "upload-files", file);
        await page.GetByTestId("keep-both").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='report (2).txt']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=entry][data-name='report.txt']")).ToBeVisibleAsync();
    }

    private static async Task<string> HashOfAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri("/api/v1/fs-content" + Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        return Convert.ToHexString(await SHA256.HashDataAsync(body, Ct));
    }

    private static async Task<string> HashOfFileAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, Ct));
    }
}
