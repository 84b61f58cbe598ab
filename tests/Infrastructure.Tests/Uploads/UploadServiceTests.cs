using System.Text;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Uploads;

namespace Strata.Infrastructure.Tests.Uploads;

public sealed class UploadServiceTests
{
    private const string Content = "first part|second part";
    private static readonly NodePath Target = NodePath.Parse("/Private/ana/build.log");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ProviderData]
    public async Task An_upload_in_parts_becomes_the_files_next_version_only_with_its_last_byte(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = new Uploader(await infra.CreateUserAsync("ana"));
        var existing = (await infra.WriteTextAsync(ana.Caller, Target, "yesterday's log")).Value.ShouldNotBeNull();
        var upload = await StartAsync(infra, ana);

        var first = await AppendAsync(infra, ana, upload.Id, 0, "first part|");
        var meanwhile = await infra.ReadTextAsync(ana.Caller, Target, version: null);
        var last = await AppendAsync(infra, ana, upload.Id, first.Offset, "second part");

        first.Status.ShouldBe(AppendStatus.Appended);
        first.Offset.ShouldBe(11);
        meanwhile.ShouldBe("yesterday's log");
        last.Status.ShouldBe(AppendStatus.Completed);
        last.File.ShouldNotBeNull().Id.ShouldBe(existing.Id);
        (await infra.ReadTextAsync(ana.Caller, Target, version: null)).ShouldBe(Content);
        (await infra.Files.ListVersionsAsync(ana.Caller, Target, Ct)).Value.ShouldNotBeNull().Count.ShouldBe(2);
        (await infra.Uploads.FindAsync(ana, upload.Id, Ct)).ShouldBeNull();
        Directory.EnumerateFiles(Path.Combine(infra.DataPath, "uploads")).ShouldBeEmpty();
    }

    [Theory]
    [ProviderData]
    public async Task A_part_at_the_wrong_offset_or_past_the_length_is_refused_and_nothing_is_kept(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = new Uploader(await infra.CreateUserAsync("ana"));
        var upload = await StartAsync(infra, ana);
        await AppendAsync(infra, ana, upload.Id, 0, "first part|");

        var replayed = await AppendAsync(infra, ana, upload.Id, 0, "first part|");
        var tooLong = await AppendAsync(infra, ana, upload.Id, 11, "second part and more");

        replayed.Status.ShouldBe(AppendStatus.OffsetMismatch);
        replayed.Offset.ShouldBe(11);
        tooLong.Status.ShouldBe(AppendStatus.TooLarge);
        (await infra.Uploads.FindAsync(ana, upload.Id, Ct)).ShouldNotBeNull().Offset.ShouldBe(11);
        (await infra.Files.GetAsync(ana.Caller, Target, Ct)).Status.ShouldBe(ResultStatus.NotFound);
    }

    [Theory]
    [ProviderData]
    public async Task Only_its_uploader_resumes_an_upload(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = new Uploader(await infra.CreateUserAsync("ana"));
        var ben = new Uploader(await infra.CreateUserAsync("ben"));
        var upload = await StartAsync(infra, ana);

        var bens = await AppendAsync(infra, ben, upload.Id, 0, "first part|");

        bens.Status.ShouldBe(AppendStatus.NotFound);
        (await infra.Uploads.FindAsync(ben, upload.Id, Ct)).ShouldBeNull();
        (await infra.Uploads.FindAsync(ana, upload.Id, Ct)).ShouldNotBeNull().Offset.ShouldBe(0);
    }

    [Theory]
    [ProviderData]
    public async Task An_idle_upload_expires_and_the_purge_removes_its_part_file(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = new Uploader(await infra.CreateUserAsync("ana"));
        var upload = await StartAsync(infra, ana);
        await AppendAsync(infra, ana, upload.Id, 0, "first part|");
        var idle = infra.Uploads.Options.Expiration;

        infra.Clock.Advance(idle - TimeSpan.FromSeconds(1));
        var stillThere = await infra.Uploads.FindAsync(ana, upload.Id, Ct);
        infra.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await AppendAsync(infra, ana, upload.Id, 11, "second part");
        var purged = await infra.Uploads.PurgeExpiredAsync(Ct);

        stillThere.ShouldNotBeNull();
        late.Status.ShouldBe(AppendStatus.NotFound);
        purged.ShouldBe(1);
        Directory.EnumerateFiles(Path.Combine(infra.DataPath, "uploads")).ShouldBeEmpty();
        (await infra.Files.GetAsync(ana.Caller, Target, Ct)).Status.ShouldBe(ResultStatus.NotFound);
    }

    private static async Task<PendingUpload> StartAsync(InfrastructureHost infra, Uploader uploader)
    {
        var created = await infra.Uploads.CreateAsync(uploader, new UploadTarget(Target.Parent.Value, Target.Name.Value, Encoding.UTF8.GetByteCount(Content), Metadata: string.Empty), Ct);
        created.Succeeded.ShouldBeTrue(created.Detail);
        return created.Value.ShouldNotBeNull();
    }

    private static async Task<AppendResult> AppendAsync(InfrastructureHost infra, Uploader uploader, string id, long offset, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        return await infra.Uploads.AppendAsync(uploader, id, offset, bytes.Length, new MemoryStream(bytes), Ct);
    }
}
