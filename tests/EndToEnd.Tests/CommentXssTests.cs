using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Strata.EndToEnd.Tests;

/// <summary>
/// Comment Markdown (and the text preview, which renders through the same SafeMarkdown) run nothing in Chromium:
/// each payload would call <c>alert</c> or set <c>window.__xss</c> if any of it reached the page as live HTML.
/// </summary>
public sealed class CommentXssTests : BrowserScenario
{
    /// <summary>One payload per comment, so a construct left open by one cannot neutralise the next.</summary>
    private static readonly string[] Corpus =
    [
        "<script>window.__xss=1;alert(1)</script>",
        "<img src=x onerror=\"window.__xss=2;alert(2)\">",
        "[click](javascript:window.__xss=3;alert(3))",
        "[mixed case](JaVaScRiPt:alert(4))",
        "[entity](&#106;avascript:alert(5))",
        "[tab](java&#9;script:alert(6))",
        "<svg onload=\"window.__xss=7;alert(7)\"></svg>",
        "<iframe src=\"javascript:alert(8)\"></iframe>",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)",
        "<javascript:alert(10)>",
        "<a href=\"javascript:alert(11)\">raw link</a>",
        "![image](x\" onerror=\"alert(12))",
        "![image](javascript:alert(13))",
        "<details open ontoggle=\"window.__xss=14;alert(14)\">",
        "[ref][r]\n\n[r]: javascript:alert(15)",
        "<style>body{background:url(\"javascript:alert(16)\")}</style>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(17)>",
        "[vb](vbscript:alert(18))",
        "<object data=\"javascript:alert(19)\"></object>",
        "<a href=\"&#x6A;avascript:alert(20)\">hex entity</a>",
        "[attrs](https://example.com){onclick=\"alert(21)\" onmouseover=\"window.__xss=21\"}",
        "# Heading {onmouseover=\"alert(22)\"}",
        "<input autofocus onfocus=\"window.__xss=23;alert(23)\">",
        "[quote](https://ok.example/\"onmouseover=\"alert(24))",
        "<marquee onstart=\"alert(25)\">x</marquee>",
        "`<script>alert(26)</script>` and <b onmouseover=alert(26)>bold</b>",
        "[space]( javascript:alert(27))",
        "<embed src=\"data:text/html,<script>alert(28)</script>\">",
    ];

    [Fact]
    public async Task A_corpus_of_payloads_typed_as_comments_and_shown_as_a_markdown_preview_runs_nothing()
    {
        using var alice = await App.CreateUserClientAsync("alice@strata.test");
        await PutAsync(alice, "/Private/alice/plan.txt", "draft");
        await PutAsync(alice, "/Private/alice/corpus.md", string.Join("\n\n", Corpus));
        var page = await OpenAsBasicUserAsync("alice@strata.test");
        var dialogs = new ConcurrentQueue<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Enqueue(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync("/files/Private/alice");
        await WaitInteractiveAsync(page);
        await page.Locator("[data-testid=entry][data-name='plan.txt']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("i");
        var drawer = page.GetByTestId("details");
        await drawer.GetByRole(AriaRole.Tab, new() { Name = "Comments" }).ClickAsync();
        var box = drawer.GetByLabel("Add a comment (Markdown, @name to mention)");

        foreach (var payload in Corpus)
        {
            await box.PressSequentiallyAsync(payload);

            // As a person reads their text before posting: on a slow circuit the box shows older drafts for a while.
            await Assertions.Expect(box).ToHaveValueAsync(payload);
            await drawer.GetByTestId("comment-post").ClickAsync();
            await Assertions.Expect(box).ToHaveValueAsync(string.Empty);
        }

        // The panel shows the newest 20; the rest are one click away.
        await drawer.GetByTestId("comments-more").ClickAsync();
        await Assertions.Expect(drawer.GetByTestId("comment")).ToHaveCountAsync(Corpus.Length);

        // Raw HTML is shown as the text it is, so the payloads arrived whole.
        await Assertions.Expect(drawer.GetByTestId("comment-body").Filter(new() { HasText = Corpus[0] })).ToHaveCountAsync(1);
        await AssertNothingRanAsync(page, "[data-testid=comment-body]", dialogs);

        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=entry][data-name='corpus.md']").ClickAsync(new() { Position = new() { X = 4, Y = 20 } });
        await page.GetByTestId("listing").PressAsync("Enter");
        var preview = page.GetByTestId("preview-markdown");
        await Assertions.Expect(preview.Locator("h1")).ToHaveCountAsync(1);
        await AssertNothingRanAsync(page, "[data-testid=preview-markdown]", dialogs);
    }

    /// <summary>
    /// Hovers and focuses every rendered element, and fires its load, error and toggle events, (to set off any handler that slipped through), then checks
    /// that no dialog opened, no payload set its flag, no link or source carries a script or data URL, and no
    /// element carries an event handler or is of a kind that runs or embeds content.
    /// </summary>
    private static async Task AssertNothingRanAsync(IPage page, string renderedSelector, ConcurrentQueue<string> dialogs)
    {
        var rendered = page.Locator(renderedSelector);
        (await rendered.CountAsync()).ShouldBeGreaterThan(0);
        await rendered.EvaluateAllAsync<bool>("""
            roots => roots.flatMap(root => [...root.querySelectorAll('*')]).forEach(el => {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error']) {
                    el.dispatchEvent(new Event(type));
                }
            }) ?? true
            """);
        await page.WaitForTimeoutAsync(500);

        dialogs.ShouldBeEmpty("a payload opened a dialog");
        (await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'")).ShouldBeTrue("a payload set window.__xss");
        var unsafeUrls = await rendered.EvaluateAllAsync<string[]>("""
            roots => roots.flatMap(root => [...root.querySelectorAll('[href], [src], [action], [formaction], [data], [xlink\\:href]')]
                .flatMap(el => ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].map(a => el.getAttribute(a)))
                .filter(v => v !== null && /^\s*(javascript|data|vbscript):/i.test(v.replace(/[\u0000-\u001f]/g, ''))))
            """);
        unsafeUrls.ShouldBeEmpty();
        var linkSchemes = await rendered.EvaluateAllAsync<string[]>("roots => roots.flatMap(root => [...root.querySelectorAll('a[href]')].map(a => a.protocol))");
        linkSchemes.ShouldAllBe(scheme => scheme == "http:" || scheme == "https:" || scheme == "mailto:");
        var handlers = await rendered.EvaluateAllAsync<string[]>("""
            roots => roots.flatMap(root => [...root.querySelectorAll('*')]).flatMap(el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))
            """);
        handlers.ShouldBeEmpty();
        var active = await rendered.EvaluateAllAsync<string[]>(
            "roots => roots.flatMap(root => [...root.querySelectorAll('script, iframe, object, embed, svg, math, style, img, input, form, details, marquee, base, link, meta')]).map(el => el.tagName)");
        active.ShouldBeEmpty();
    }
}
