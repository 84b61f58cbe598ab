using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

using Strata.Web.Tests;

namespace Strata.EndToEnd.Tests;

/// <summary>
/// Strata on a real Kestrel port and Debian's Chromium driven by Playwright (browsers cannot be
/// downloaded here). A failing test leaves a screenshot in <c>artifacts/e2e-screenshots</c>, and its output lists
/// what the server logged at Error and above and what the browser reported as errors.
/// </summary>
public abstract class BrowserScenario : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<IPage> _pages = [];
    private readonly ServerErrors _serverErrors = new();
    private readonly ConcurrentQueue<string> _browserErrors = new();

    protected StrataAppFactory App { get; } = new();

    protected Uri BaseAddress { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        File.Exists(Chromium).ShouldBeTrue($"{Chromium} is missing: run ./test.sh, which installs Debian's chromium.");
        var configure = App.ConfigureTestServices;
        App.ConfigureTestServices = services =>
        {
            configure?.Invoke(services);
            services.AddSingleton<ILoggerProvider>(_serverErrors);

            // A click the server could not dispatch is logged only in the browser; with the details there, a failing
            // test's report says which handler and why (two flakes lost a click that way, unexplained).
            services.Configure<CircuitOptions>(o => o.DetailedErrors = true);
        };
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        App.ClientOptions.BaseAddress = BaseAddress;
        // CI machines are small and shared: give first renders (JIT, cold caches) the same room as actions.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) whose requests carry Basic credentials for the user; optionally in
    /// another time zone and language than the machine's.
    /// </summary>
    protected async Task<IPage> OpenAsBasicUserAsync(string email, string? timeZone = null, string? locale = null)
    {
        using (await App.CreateUserClientAsync(email))
        {
            // Creates the account once.
        }

        var basic = new Dictionary<string, string> { ["Authorization"] = StrataAppFactory.BasicHeader(email, StrataAppFactory.Password).ToString() };
        return await OpenAsync(basic, timeZone, locale);
    }

    /// <summary>A fresh browser context with no credentials: it signs in through the pages.</summary>
    protected Task<IPage> OpenAnonymousAsync() => OpenAsync(new Dictionary<string, string>());

    /// <summary>Signs in through the sign-in page (the account must exist) and waits for the landing page.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password, string returnUrl = "/profile")
    {
        await page.GotoAsync("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByTestId("email").FillAsync(email);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();

        // Polls the URL rather than awaiting the navigation's load event, which a loaded CI machine has let pass 15 s
        // with the page drawn (as in AccountFlowTests); the steps after this wait for the elements they use.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }

    /// <summary>Signs out as a person does: the account menu in the top bar, then Sign out.</summary>
    protected static async Task SignOutAsync(IPage page)
    {
        // The menu opens through the circuit; a click on the prerendered page would be lost.
        await WaitInteractiveAsync(page);
        await page.GetByTestId("account-menu").GetByRole(AriaRole.Button).ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
    }

    /// <summary>Waits until the Blazor circuit is connected, after which clicks are handled.</summary>
    protected static Task WaitInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>
    /// Uploads as a person does: clicks the visible button (upload-files or upload-folder) and answers the browser's
    /// file chooser with the files, or with a folder for upload-folder.
    /// </summary>
    protected static async Task UploadByButtonAsync(IPage page, string button, params string[] paths)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByTestId(button).ClickAsync());
        await chooser.SetFilesAsync(paths);
    }

    /// <summary>Phone width (390 px) must never need sideways scrolling.</summary>
    protected static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page scrolls sideways at phone width");
    }

    private async Task<IPage> OpenAsync(Dictionary<string, string> headers, string? timeZone = null, string? locale = null)
    {
        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ExtraHTTPHeaders = headers,
            ViewportSize = new() { Width = 1280, Height = 800 },
            AcceptDownloads = true,
            TimezoneId = timeZone,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _browserErrors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _browserErrors.Enqueue(error);
        _pages.Add(page);
        return page;
    }

    /// <summary>Writes a file through the API (set-up, not what the test is about).</summary>
    protected static async Task PutAsync(HttpClient client, string path, string text)
    {
        using var put = await client.PutAsync(new Uri("/api/v1/fs-content" + path, UriKind.Relative), new StringContent(text), Ct);
        put.IsSuccessStatusCode.ShouldBeTrue();
    }

    /// <summary>Creates a folder through the API (set-up).</summary>
    protected static async Task MkdirAsync(HttpClient client, string path)
    {
        using var body = new StringContent("""{"action":"add_folder"}""", System.Text.Encoding.UTF8, "application/json");
        using var mkdir = await client.PostAsync(new Uri("/api/v1/fs" + path, UriKind.Relative), body, Ct);
        mkdir.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await SaveScreenshotsAsync();
            ReportErrors();
        }

        await _browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void ReportErrors()
    {
        var output = TestContext.Current.TestOutputHelper!;
        foreach (var entry in _serverErrors.Entries)
        {
            output.WriteLine("server: " + entry);
        }

        foreach (var entry in _browserErrors)
        {
            output.WriteLine("browser: " + entry);
        }
    }

    private async Task SaveScreenshotsAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "e2e-screenshots");
        Directory.CreateDirectory(folder);
        var name = TestContext.Current.Test?.TestDisplayName ?? "test";
        foreach (var (page, i) in _pages.Select((p, i) => (p, i)))
        {
            var file = Path.Combine(folder, $"{string.Concat(name.Split(Path.GetInvalidFileNameChars()))}-{i}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            TestContext.Current.AddAttachment($"screenshot-{i}", file);
        }
    }
}
