using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tests.Sharing;

public sealed class LinkServiceTests
{
    private const string Visitor = "203.0.113.7";
    private static readonly NodePath Report = NodePath.Parse("/Private/ana/report.pdf");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ProviderData]
    public async Task A_link_opens_until_it_expires(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await AnaWithReportAsync(infra);
        var token = await CreateAsync(infra, ana, Report, new LinkRequest(null, null, infra.Clock.GetUtcNow().AddHours(1), null, PreviewOnly: false));

        var fresh = await infra.Links.OpenAsync(token, null, Visitor, Ct);
        infra.Clock.Advance(TimeSpan.FromMinutes(59));
        var lastMinute = await infra.Links.OpenAsync(token, null, Visitor, Ct);
        infra.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await infra.Links.OpenAsync(token, null, Visitor, Ct);

        fresh.Outcome.ShouldBe(LinkOutcome.Ok);
        fresh.Node.ShouldNotBeNull().Path.ShouldBe(Report.Value);
        fresh.Creator.ShouldNotBeNull().UserId.ShouldBe(ana.UserId);
        lastMinute.Outcome.ShouldBe(LinkOutcome.Ok);
        expired.Outcome.ShouldBe(LinkOutcome.NotFound);
        expired.Node.ShouldBeNull();
    }

    [Theory]
    [ProviderData]
    public async Task A_password_link_opens_with_its_password_and_locks_out_a_guesser(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await AnaWithReportAsync(infra);
        var token = await CreateAsync(infra, ana, Report, new LinkRequest(null, "correct horse", null, null, PreviewOnly: false));

        var without = await infra.Links.OpenAsync(token, null, Visitor, Ct);
        var right = await infra.Links.OpenAsync(token, "correct horse", Visitor, Ct);
        for (var guess = 0; guess < LinkService.MaxFailuresPerLink; guess++)
        {
            (await infra.Links.OpenAsync(token, $"guess {guess}", Visitor, Ct)).Outcome.ShouldBe(LinkOutcome.PasswordRequired);
        }

        var guesser = await infra.Links.OpenAsync(token, "correct horse", Visitor, Ct);
        var someoneElse = await infra.Links.OpenAsync(token, "correct horse", "198.51.100.4", Ct);

        without.Outcome.ShouldBe(LinkOutcome.PasswordRequired);
        right.Outcome.ShouldBe(LinkOutcome.Ok);
        guesser.Outcome.ShouldBe(LinkOutcome.TooManyAttempts);
        someoneElse.Outcome.ShouldBe(LinkOutcome.Ok);
    }

    [Theory]
    [ProviderData]
    public async Task A_link_with_a_download_limit_is_gone_once_used_up(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await AnaWithReportAsync(infra);
        var token = await CreateAsync(infra, ana, Report, new LinkRequest(null, null, null, MaxDownloads: 2, PreviewOnly: false));
        var linkId = (await infra.Links.OpenAsync(token, null, Visitor, Ct)).LinkId;

        var counted = new[] { await infra.Links.CountDownloadAsync(linkId, Ct), await infra.Links.CountDownloadAsync(linkId, Ct), await infra.Links.CountDownloadAsync(linkId, Ct) };

        counted.ShouldBe([true, true, false]);
        (await infra.Links.OpenAsync(token, null, Visitor, Ct)).Outcome.ShouldBe(LinkOutcome.NotFound);
        (await infra.Links.ListAsync(ana, Ct)).ShouldHaveSingleItem().Downloads.ShouldBe(2);
    }

    [Theory]
    [ProviderData]
    public async Task A_revoked_link_and_a_link_of_another_kind_are_not_found(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var ana = await AnaWithReportAsync(infra);
        var download = await CreateAsync(infra, ana, Report, new LinkRequest(null, null, null, null, PreviewOnly: false));
        var inbox = NodePath.Parse("/Private/ana/Inbox");
        (await infra.Files.CreateFolderAsync(ana, inbox, Ct)).Succeeded.ShouldBeTrue();
        var upload = await CreateAsync(infra, ana, inbox, new LinkRequest(null, null, null, null, PreviewOnly: false, LinkKind.Upload));
        var revoked = await CreateAsync(infra, ana, Report, new LinkRequest(null, null, null, null, PreviewOnly: false));
        var revokedId = (await infra.Links.OpenAsync(revoked, null, Visitor, Ct)).LinkId;

        (await infra.Links.RevokeAsync(ana, revokedId, Ct)).ShouldBeTrue();

        (await infra.Links.OpenAsync(revoked, null, Visitor, Ct)).Outcome.ShouldBe(LinkOutcome.NotFound);
        (await infra.Links.OpenAsync(upload, null, Visitor, Ct)).Outcome.ShouldBe(LinkOutcome.NotFound);
        (await infra.Links.OpenAsync(upload, null, Visitor, LinkKind.Upload, Ct)).Outcome.ShouldBe(LinkOutcome.Ok);
        (await infra.Links.OpenAsync(download, null, Visitor, LinkKind.Upload, Ct)).Outcome.ShouldBe(LinkOutcome.NotFound);
    }

    [Theory]
    [ProviderData]
    public async Task A_link_is_suspended_while_its_creator_may_not_share_the_folder(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var admin = await infra.CreateUserAsync("root", admin: true);
        var ana = await infra.CreateUserAsync("ana");
        var finance = NodePath.Parse("/Shared/Finance");
        (await infra.Files.CreateFolderAsync(admin, finance, Ct)).Succeeded.ShouldBeTrue();
        await infra.Permissions.SetAsync(admin, finance, new PrincipalName(PrincipalKind.User, "ana"), AccessLevel.Owner, Ct);
        var token = await CreateAsync(infra, ana, finance, new LinkRequest(null, null, null, null, PreviewOnly: false));

        await infra.Permissions.SetAsync(admin, finance, new PrincipalName(PrincipalKind.User, "ana"), AccessLevel.Viewer, Ct);
        var demoted = await infra.Links.OpenAsync(token, null, Visitor, Ct);
        var listedWhileDemoted = await infra.Links.ListAsync(ana, Ct);
        await infra.Permissions.SetAsync(admin, finance, new PrincipalName(PrincipalKind.User, "ana"), AccessLevel.Owner, Ct);
        var restored = await infra.Links.OpenAsync(token, null, Visitor, Ct);

        demoted.Outcome.ShouldBe(LinkOutcome.NotFound);
        listedWhileDemoted.ShouldHaveSingleItem().Suspended.ShouldBeTrue();
        restored.Outcome.ShouldBe(LinkOutcome.Ok);
    }

    private static async Task<Caller> AnaWithReportAsync(InfrastructureHost infra)
    {
        var ana = await infra.CreateUserAsync("ana");
        (await infra.WriteTextAsync(ana, Report, "%PDF-1.7")).Succeeded.ShouldBeTrue();
        return ana;
    }

    private static async Task<string> CreateAsync(InfrastructureHost infra, Caller creator, NodePath path, LinkRequest request)
    {
        var created = await infra.Links.CreateAsync(creator, path, request, Ct);
        created.Succeeded.ShouldBeTrue(created.Detail);
        return created.Value.ShouldNotBeNull().Token;
    }
}
