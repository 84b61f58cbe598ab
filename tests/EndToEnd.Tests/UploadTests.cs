using System.Globalization;
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

    /// <summary>
    /// Each bar is drawn as full as its text says at the moment the text changes: a bar that eases towards its value
    /// showed "Done" over a bar a tenth full whenever a file finished within the easing.
    /// </summary>
    [Fact]
    public async Task Every_bar_is_drawn_as_full_as_its_text_says_when_the_text_changes()
    {
        var source = Directory.CreateTempSubdirectory("strata-e2e-bars-").FullName;
        var files = new[] { Path.Combine(source, "small.txt"), Path.Combine(source, "medium.bin") };
        await File.WriteAllTextAsync(files[0], "small", Ct);
        await File.WriteAllBytesAsync(files[1], RandomNumberGenerator.GetBytes(24 * 1024 * 1024), Ct);
        var page = await OpenAsBasicUserAsync(Email);
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.EvaluateAsync(WatchBars);

        await UploadByButtonAsync(page, "upload-files", files);
        await Assertions.Expect(page.GetByTestId("upload-summary")).ToHaveTextAsync("2 uploaded", new() { Timeout = 60_000 });

        var seen = await page.EvaluateAsync<BarSighting[]>("() => window.barSightings");
        seen.ShouldContain(s => s.Status.StartsWith("Done", StringComparison.Ordinal));
        foreach (var sighting in seen)
        {
            var said = sighting.Status.StartsWith("Done", StringComparison.Ordinal) ? 1.0 : double.Parse(sighting.Status.Split('%')[0], CultureInfo.InvariantCulture) / 100;
            sighting.Drawn.ShouldBe(said, 0.02, $"the bar under '{sighting.Status}'");
        }
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

    /// <summary>Records, whenever an upload's status text changes, how full its bar is drawn in that same frame.</summary>
    private const string WatchBars = """
        () => {
            window.barSightings = [];
            new MutationObserver(() => {
                for (const item of document.querySelectorAll('[data-testid=upload-item]')) {
                    const status = item.querySelector('[data-testid=upload-status]').textContent;
                    if (item.dataset.lastStatus === status || !/^(\d+%|Done)/.test(status)) continue;
                    item.dataset.lastStatus = status;
                    const track = item.querySelector('.mud-progress-linear').getBoundingClientRect();
                    const bar = item.querySelector('.mud-progress-linear-bar').getBoundingClientRect();
                    window.barSightings.push({ status, drawn: (Math.min(bar.right, track.right) - track.left) / track.width });
                }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    private sealed class BarSighting
    {
        public string Status { get; set; } = string.Empty;

        public double Drawn { get; set; }
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
