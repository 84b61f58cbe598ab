using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;
using Strata.Web.Components.Layout;
using Strata.Web.Files;
using Strata.Web.Live;

namespace Strata.Web.Tests.Files;

/// <summary>
/// bUnit around the folder view with the real <see cref="FileService"/> (a real SQLite file from
/// <see cref="StrataAppFactory"/>): the selection and sorting rules are tested against what the access rules
/// and the listing really return, not a stub.
/// </summary>
public sealed class FolderViewContext : IAsyncDisposable
{
    private readonly StrataAppFactory _app = new();

    private readonly TimeProvider _clock;

    private FolderViewContext(TimeProvider clock)
    {
        _clock = clock;
        _app.ConfigureTestServices = services => services.AddSingleton(clock);
        Commands = SqlCommandCounter.AttachTo(_app);
    }

    public BunitContext Bunit { get; } = new();

    /// <summary>The SQL commands the view's services send.</summary>
    public SqlCommandCounter Commands { get; }

    public FileService Files => _app.Services.GetRequiredService<FileService>();

    public PermissionService Permissions => _app.Services.GetRequiredService<PermissionService>();

    public Caller Alice { get; private set; } = null!;

    /// <summary>The host behind the rendered components, for arranging what other users (an admin, bob) did.</summary>
    public StrataAppFactory App => _app;

    /// <summary>The whole rendered tree, popovers included (menus render there, outside the page).</summary>
    public IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Host { get; private set; } = null!;

    /// <param name="clock">The host's and the page's clock; a fake one moves lock expiry without waiting.</param>
    public static async Task<FolderViewContext> CreateAsync(TimeProvider? clock = null)
    {
        var context = new FolderViewContext(clock ?? TimeProvider.System);
        using (await context._app.CreateUserClientAsync("alice@strata.test"))
        {
        }

        using var scope = context._app.Services.CreateScope();
        var alice = await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync("alice@strata.test");
        context.Alice = new Caller(alice!.Id, alice.UserName!, IsAdmin: false);
        context.Configure();
        return context;
    }

    private void Configure()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        Bunit.Services.AddSingleton(Files);
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Trash.TrashService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Tags.TagService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Sharing.PermissionService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<JournalBroadcaster>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<UserDirectory>());
        Bunit.Services.AddSingleton(Permissions);
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<GroupService>());
        Bunit.Services.AddScoped<BrowserPreferences>();
        Bunit.Services.AddScoped<FileClipboard>();
        Bunit.Services.AddScoped<Strata.Web.Uploads.UploadPlanner>();
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Dav.DavLockStore>());
        Bunit.Services.AddSingleton(_clock);
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Previews.RenditionService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Comments.CommentService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Tasks.TaskService>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Strata.Infrastructure.Journal.JournalReader>());
        Bunit.Services.AddSingleton(_app.Services.GetRequiredService<Microsoft.FeatureManagement.IFeatureManager>());
        var auth = Bunit.AddAuthorization();
        auth.SetAuthorized(Alice.UserName);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, Alice.UserId), new Claim(ClaimTypes.Name, Alice.UserName));
    }

    public async Task WriteAsync(string path, string text)
    {
        var result = await Files.WriteAsync(Alice, NodePath.Parse(path), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), WriteConditions.None, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    public async Task MkdirAsync(string path) =>
        (await Files.CreateFolderAsync(Alice, NodePath.Parse(path), CancellationToken.None)).Succeeded.ShouldBeTrue();

    /// <summary>The folder view with the popover, dialog and snackbar providers beside it, as the layout has, so its menus open and its messages show.</summary>
    public IRenderedComponent<FilesPage> RenderFolder(string path, bool allowEmpty = false)
    {
        var host = Bunit.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<FilesPage>(2);
            builder.AddAttribute(3, nameof(FilesPage.Path), path);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(4);
            builder.CloseComponent();
        });
        Host = host;
        var page = host.FindComponent<FilesPage>();
        page.WaitForAssertion(() => page.FindAll(allowEmpty ? "[data-testid=entry], [data-testid=empty]" : "[data-testid=entry]").ShouldNotBeEmpty(), TimeSpan.FromSeconds(10));
        return page;
    }

    public static AngleSharp.Dom.IElement Entry(IRenderedComponent<FilesPage> page, string name) =>
        page.Find($"[data-testid=entry][data-name='{name}']");

    public async Task<bool> ExistsAsync(string path) =>
        (await Files.GetAsync(Alice, NodePath.Parse(path), CancellationToken.None)).Succeeded;

    public static IReadOnlyList<string> Names(IRenderedComponent<FilesPage> page) =>
        page.FindAll("[data-testid=entry]").Select(e => e.GetAttribute("data-name")!).ToList();

    public static IReadOnlyList<string> Selected(IRenderedComponent<FilesPage> page) =>
        page.FindAll("[data-testid=entry].strata-selected").Select(e => e.GetAttribute("data-name")!).ToList();

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await _app.DisposeAsync();
    }
}
