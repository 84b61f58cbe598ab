using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

/// <summary>Searching as a person does: the top bar's box, the results page and its filters, on a laptop and a phone.</summary>
public sealed class SearchTests : BrowserScenario
{
    private const string Home = "/Private/alice";

    public SearchTests() => App.SearchIndexer = true;

    [Fact]
    public async Task Typing_in_the_top_box_shows_the_word_highlighted_and_Enter_previews_the_file_that_Escape_closes()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, Home + "/q3-plan.md", "# Plan\n\nThe quarterly forecast is ready for review.");
            await WaitUntilFoundAsync(alice, "quarterly", "q3-plan.md");
        }

        await page.GotoAsync("/files" + Home);
        await WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=search-box]").PressSequentiallyAsync("quarterly");

        var hit = page.Locator("[data-testid=search-hit][data-name='q3-plan.md']");
        await Assertions.Expect(hit.Locator("mark").First).ToHaveTextAsync(new Regex("^quarterly$", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.GetByTestId("search-all")).ToContainTextAsync("1 result");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        var preview = page.GetByTestId("preview-markdown");
        await Assertions.Expect(preview).ToContainTextAsync("The quarterly forecast is ready for review.");
        // A person presses Escape once the preview has taken the keyboard from the box.
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(preview).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Private/alice$"));
    }

    [Fact]
    public async Task Enter_on_all_results_opens_the_results_page_where_a_type_filter_narrows_them()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await MkdirAsync(alice, Home + "/budget");
            await PutAsync(alice, Home + "/budget-notes.txt", "Notes on the budget for next year.");
            await WaitUntilFoundAsync(alice, "budget", "budget-notes.txt");
            await WaitUntilFoundAsync(alice, "budget", "budget");
        }

        await page.GotoAsync("/files" + Home);
        await WaitInteractiveAsync(page);
        var box = page.Locator("input[data-testid=search-box]");
        await box.PressSequentiallyAsync("budget");
        await Assertions.Expect(page.GetByTestId("search-all")).ToContainTextAsync("All 2 results");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=budget$"));
        var results = page.GetByTestId("search-result");
        await Assertions.Expect(results).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("search-total")).ToHaveTextAsync("2 results");

        await page.GetByTestId("filter-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Folders" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=budget&type=folder$"));
        await Assertions.Expect(results).ToHaveCountAsync(1);
        await Assertions.Expect(results.First).ToHaveAttributeAsync("data-name", "budget");
        await results.First.GetByTestId("search-result-name").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/files/Private/alice/budget$"));
    }

    [Fact]
    public async Task Load_more_adds_the_next_page_until_there_is_no_more()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            for (var i = 1; i <= 27; i++)
            {
                await PutAsync(alice, $"{Home}/memo-{i:00}.txt", "A memo.");
            }

            await WaitUntilFoundAsync(alice, "memo", "memo-27.txt");
        }

        await page.GotoAsync("/search?q=memo&sort=name");
        await WaitInteractiveAsync(page);
        var results = page.GetByTestId("search-result");
        await Assertions.Expect(page.GetByTestId("search-total")).ToHaveTextAsync("27 results");
        await Assertions.Expect(results).ToHaveCountAsync(25);

        await page.GetByTestId("search-more").ClickAsync();

        await Assertions.Expect(results).ToHaveCountAsync(27);
        await Assertions.Expect(results.Last).ToHaveAttributeAsync("data-name", "memo-27.txt");
        await Assertions.Expect(page.GetByTestId("search-more")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Search_in_this_folder_finds_only_what_is_inside_it()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await MkdirAsync(alice, Home + "/Reports");
            await PutAsync(alice, Home + "/Reports/inside.txt", "The harvest report.");
            await PutAsync(alice, Home + "/outside.txt", "Another harvest report.");
            await WaitUntilFoundAsync(alice, "harvest", "inside.txt");
            await WaitUntilFoundAsync(alice, "harvest", "outside.txt");
        }

        await page.GotoAsync("/files" + Home + "/Reports");
        await WaitInteractiveAsync(page);
        await page.GetByTestId("search-in-folder").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?path=%2FPrivate%2Falice%2FReports$"));
        await Assertions.Expect(page.GetByTestId("filter-folder")).ToContainTextAsync("/Private/alice/Reports");
        await WaitInteractiveAsync(page);
        await page.Locator("input[data-testid=search-query]").FillAsync("harvest");
        await page.Locator("input[data-testid=search-query]").PressAsync("Enter");

        var results = page.GetByTestId("search-result");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=harvest&path=%2FPrivate%2Falice%2FReports$"));
        await Assertions.Expect(results).ToHaveCountAsync(1);
        await Assertions.Expect(results.First).ToHaveAttributeAsync("data-name", "inside.txt");
        await Assertions.Expect(results.First.Locator("mark").First).ToHaveTextAsync(new Regex("^harvest$", RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task On_a_phone_the_search_icon_opens_the_box_across_the_bar_and_its_results_fit_the_screen()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        using (var alice = await App.CreateUserClientAsync("alice@strata.test"))
        {
            await PutAsync(alice, Home + "/a-rather-long-file-name-about-the-lighthouse-for-a-phone.txt", "The lighthouse keeper's log.");
            await WaitUntilFoundAsync(alice, "lighthouse", "a-rather-long-file-name-about-the-lighthouse-for-a-phone.txt");
        }

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/files" + Home);
        await WaitInteractiveAsync(page);
        var box = page.Locator("input[data-testid=search-box]");
        await Assertions.Expect(box).ToBeHiddenAsync();

        await page.GetByTestId("search-open").ClickAsync();
        await Assertions.Expect(box).ToBeFocusedAsync();
        var field = (await box.BoundingBoxAsync())!;
        field.Width.ShouldBeGreaterThan(250, "the opened box takes the bar's width");
        await box.PressSequentiallyAsync("lighthouse");
        var hit = page.GetByTestId("search-hit").First;
        await Assertions.Expect(hit).ToBeVisibleAsync();

        var list = (await page.Locator(".strata-search-popover").BoundingBoxAsync())!;
        list.X.ShouldBeGreaterThanOrEqualTo(0);
        (list.X + list.Width).ShouldBeLessThanOrEqualTo(390);
        await AssertFitsAsync(page);

        await page.GetByTestId("search-close").ClickAsync();
        await Assertions.Expect(box).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("search-open")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Slash_and_ctrl_k_take_the_keyboard_to_the_box_but_not_from_a_field_being_typed_in()
    {
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        await page.GotoAsync("/search?q=anything");
        await WaitInteractiveAsync(page);
        // The keys are the search box's script's, loaded just after the circuit comes up.
        await page.Locator("body[data-search-keys=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var box = page.Locator("input[data-testid=search-box]");
        var query = page.Locator("input[data-testid=search-query]");

        await page.Locator("h5").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await Assertions.Expect(box).ToHaveValueAsync(string.Empty);

        await query.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(query).ToBeFocusedAsync();
        await Assertions.Expect(query).ToHaveValueAsync("anything/");

        await page.Locator("h5").ClickAsync();
        await page.Keyboard.PressAsync("Control+k");
        await Assertions.Expect(box).ToBeFocusedAsync();
    }

    /// <summary>Indexing runs in the background: set-up waits until the API finds the item, so the test is about the UI.</summary>
    private static async Task WaitUntilFoundAsync(HttpClient client, string query, string name)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var uri = new Uri("/api/v1/search?limit=100&q=" + Uri.EscapeDataString(query), UriKind.Relative);
        while (true)
        {
            using var response = await client.GetAsync(uri, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.IsSuccessStatusCode && body.Contains($"\"name\":\"{name}\"", StringComparison.Ordinal))
            {
                return;
            }

            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), $"'{query}' did not find {name} within 30 s: {body}");
            await Task.Delay(200, Ct);
        }
    }
}
