using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

public sealed class ZipDownloadTests : BrowserScenario
{
    [Fact]
    public async Task Toolbar_download_of_two_files_is_one_zip_with_identical_bytes()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        var files = new Dictionary<string, byte[]> { ["one.bin"] = RandomNumberGenerator.GetBytes(200_000), ["two.txt"] = "two"u8.ToArray() };
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            foreach (var (name, bytes) in files)
            {
                using var put = await alice.PutAsync(new Uri("/api/v1/fs-content/Private/alice/" + name, UriKind.Relative), new ByteArrayContent(bytes), Ct);
                put.IsSuccessStatusCode.ShouldBeTrue();
            }
        }

        await page.GotoAsync("/files/Private/alice");
        await page.Locator("[data-testid=entry][data-name='one.bin']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.Locator("[data-testid=entry][data-name='two.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 }, Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.GetByTestId("selection-count")).ToHaveTextAsync("2 selected");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());

        download.SuggestedFilename.ShouldBe("alice.zip");
        var path = await download.PathAsync();
        using var archive = ZipFile.OpenRead(path);
        archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ShouldBe(["one.bin", "two.txt"]);
        foreach (var entry in archive.Entries)
        {
            await using var content = entry.Open();
            (await SHA256.HashDataAsync(content, Ct)).ShouldBe(SHA256.HashData(files[entry.FullName]));
        }
    }
}
