using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Identity;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Trash;

namespace Strata.Web.Tests.Files;

/// <summary>The "keep both" and "replace (new version)" answers the move/copy dialog gives to a name conflict.</summary>
public sealed class FileServiceTransferTests : IAsyncLifetime
{
    private static readonly DateTimeOffset LastYear = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly StrataAppFactory _app = new();
    private FileService _files = null!;
    private Caller _alice = null!;
    private Caller _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _files = _app.Services.GetRequiredService<FileService>();
        _alice = await CallerAsync("alice@strata.test");
        _bob = await CallerAsync("bob@strata.test");
    }

    [Theory]
    [InlineData("plan.txt", "plan (3).txt")]
    [InlineData("Archive", "Archive (3)")]
    [InlineData(".env", ".env (3)")]
    [InlineData("a.tar.gz", "a.tar (3).gz")]
    public async Task Available_path_numbers_past_every_taken_name(string name, string expected)
    {
        var desired = NodePath.Parse("/Private/alice/" + name);
        await WriteAsync(desired.Value, "1");
        await WriteAsync((await _files.AvailablePathAsync(desired, Ct)).Value, "2");

        var free = await _files.AvailablePathAsync(desired, Ct);

        free.Name.Value.ShouldBe(expected);
    }

    [Fact]
    public async Task Replace_adds_a_version_and_keeps_the_source_for_a_copy()
    {
        await WriteAsync("/Private/alice/new.txt", "new");
        await WriteAsync("/Private/alice/old.txt", "old");
        await SetModifiedAsync("/Private/alice/new.txt", LastYear);

        var result = await _files.ReplaceContentAsync(_alice, NodePath.Parse("/Private/alice/new.txt"), NodePath.Parse("/Private/alice/old.txt"), removeSource: false, Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        result.Value.Version.ShouldBe(2);
        result.Value.ModifiedAt.ShouldBeGreaterThan(LastYear, "a copy is content written now");
        (await ReadAsync("/Private/alice/old.txt", version: 1)).ShouldBe("old");
        (await ReadAsync("/Private/alice/old.txt", version: null)).ShouldBe("new");
        (await _files.GetAsync(_alice, NodePath.Parse("/Private/alice/new.txt"), Ct)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Replace_for_a_move_keeps_the_modification_time_and_sends_the_source_to_the_trash()
    {
        await WriteAsync("/Private/alice/new.txt", "new");
        await WriteAsync("/Private/alice/old.txt", "old");
        await SetModifiedAsync("/Private/alice/new.txt", LastYear);

        var result = await _files.ReplaceContentAsync(_alice, NodePath.Parse("/Private/alice/new.txt"), NodePath.Parse("/Private/alice/old.txt"), removeSource: true, Ct);

        result.Succeeded.ShouldBeTrue(result.Detail);
        result.Value.ModifiedAt.ShouldBe(LastYear, "a move keeps the file's modification time");
        (await _files.GetAsync(_alice, NodePath.Parse("/Private/alice/new.txt"), Ct)).Status.ShouldBe(ResultStatus.NotFound);
        var trash = new List<TrashItem>();
        await foreach (var item in _app.Services.GetRequiredService<TrashService>().ListTrashAsync(_alice, Ct))
        {
            trash.Add(item);
        }

        trash.Select(t => t.Name).ShouldBe(["new.txt"]);
    }

    [Fact]
    public async Task Replace_refuses_a_folder_target_and_a_foreign_source()
    {
        await WriteAsync("/Private/alice/new.txt", "new");
        (await _files.CreateFolderAsync(_alice, NodePath.Parse("/Private/alice/Docs"), Ct)).Succeeded.ShouldBeTrue();
        await WriteAsync("/Private/bob/secret.txt", "secret", _bob);

        var intoFolder = await _files.ReplaceContentAsync(_alice, NodePath.Parse("/Private/alice/new.txt"), NodePath.Parse("/Private/alice/Docs"), removeSource: false, Ct);
        var foreign = await _files.ReplaceContentAsync(_alice, NodePath.Parse("/Private/bob/secret.txt"), NodePath.Parse("/Private/alice/new.txt"), removeSource: false, Ct);

        intoFolder.Succeeded.ShouldBeFalse();
        foreign.Status.ShouldBe(ResultStatus.NotFound);
        (await ReadAsync("/Private/alice/new.txt", version: null)).ShouldBe("new");
    }

    [Fact]
    public async Task An_editor_may_replace_by_moving_a_file_they_created_and_not_one_someone_else_created()
    {
        (await _files.CreateFolderAsync(_alice, NodePath.Parse("/Private/alice/Team"), Ct)).Succeeded.ShouldBeTrue();
        var permissions = _app.Services.GetRequiredService<PermissionService>();
        (await permissions.SetAsync(_alice, NodePath.Parse("/Private/alice/Team"), new PrincipalName(PrincipalKind.User, "bob"), AccessLevel.Editor, Ct)).Succeeded.ShouldBeTrue();
        await WriteAsync("/Private/alice/Team/report.txt", "v1");
        await WriteAsync("/Private/alice/Team/draft.txt", "bob's draft", _bob);
        await WriteAsync("/Private/alice/Team/alice.txt", "alice's", _alice);

        var own = await _files.ReplaceContentAsync(_bob, NodePath.Parse("/Private/alice/Team/draft.txt"), NodePath.Parse("/Private/alice/Team/report.txt"), removeSource: true, Ct);
        var foreign = await _files.ReplaceContentAsync(_bob, NodePath.Parse("/Private/alice/Team/alice.txt"), NodePath.Parse("/Private/alice/Team/report.txt"), removeSource: true, Ct);

        own.Succeeded.ShouldBeTrue(own.Detail);
        foreign.Status.ShouldBe(ResultStatus.Forbidden);
        (await ReadAsync("/Private/alice/Team/report.txt", version: null)).ShouldBe("bob's draft");
        (await _files.GetAsync(_alice, NodePath.Parse("/Private/alice/Team/draft.txt"), Ct)).Status.ShouldBe(ResultStatus.NotFound);
        (await ReadAsync("/Private/alice/Team/alice.txt", version: null)).ShouldBe("alice's");
    }

    private async Task<Caller> CallerAsync(string email)
    {
        using (await _app.CreateUserClientAsync(email))
        {
        }

        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StrataUser>>().FindByEmailAsync(email);
        return new Caller(user!.Id, user.UserName!, IsAdmin: false);
    }

    private async Task SetModifiedAsync(string path, DateTimeOffset at) =>
        (await _files.SetModifiedAsync(_alice, NodePath.Parse(path), at, Ct)).Succeeded.ShouldBeTrue();

    private async Task WriteAsync(string path, string text, Caller? caller = null)
    {
        var result = await _files.WriteAsync(caller ?? _alice, NodePath.Parse(path), new MemoryStream(Encoding.UTF8.GetBytes(text)), WriteConditions.None, Ct);
        result.Succeeded.ShouldBeTrue(result.Detail);
    }

    private async Task<string> ReadAsync(string path, int? version)
    {
        var content = await _files.GetContentAsync(_alice, NodePath.Parse(path), version, Ct);
        content.Succeeded.ShouldBeTrue(content.Detail);
        await using var stream = await _files.Blobs.OpenReadAsync(content.Value.Version.ContentHash, Ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
