using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tests.Sharing;

public sealed class PermissionServiceTests
{
    private static readonly NodePath Finance = NodePath.Parse("/Shared/Finance");
    private static readonly NodePath Report = NodePath.Parse("/Shared/Finance/q3.xlsx");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ProviderData]
    public async Task A_grant_hides_an_open_folder_from_all_but_its_grantees_until_it_is_removed(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (admin, ana, ben) = await TeamAsync(infra);

        var openToAna = await infra.Files.GetAsync(ana, Report, Ct);
        (await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.Viewer, Ct)).Status.ShouldBe(ResultStatus.Created);
        var governedForAna = await infra.Files.GetAsync(ana, Report, Ct);
        var governedForBen = await infra.Files.GetAsync(ben, Report, Ct);
        (await infra.Permissions.RemoveAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), Ct)).Succeeded.ShouldBeTrue();
        var openAgain = await infra.Files.GetAsync(ana, Report, Ct);

        openToAna.Status.ShouldBe(ResultStatus.Ok);
        governedForAna.Status.ShouldBe(ResultStatus.NotFound);
        governedForBen.Status.ShouldBe(ResultStatus.Ok);
        openAgain.Status.ShouldBe(ResultStatus.Ok);
    }

    [Theory]
    [ProviderData]
    public async Task A_viewer_reads_but_may_not_write(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (admin, _, ben) = await TeamAsync(infra);
        await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.Viewer, Ct);

        var written = await infra.WriteTextAsync(ben, Report, "ben's numbers");

        written.Status.ShouldBe(ResultStatus.Forbidden);
        (await infra.ReadTextAsync(ben, Report, version: null)).ShouldBe("numbers");
    }

    [Theory]
    [ProviderData]
    public async Task A_group_grant_follows_its_membership_at_once(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (admin, ana, _) = await TeamAsync(infra);
        var auditors = (await infra.Groups.CreateAsync("Auditors", Ct)).Value.ShouldNotBeNull();
        await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.Group, "Auditors"), AccessLevel.Viewer, Ct);

        var before = await infra.Files.GetAsync(ana, Report, Ct);
        (await infra.Groups.AddMemberAsync(auditors.Id, ana.UserId, Ct)).Succeeded.ShouldBeTrue();
        var member = await infra.Files.GetAsync(ana, Report, Ct);
        (await infra.Groups.RemoveMemberAsync(auditors.Id, ana.UserId, Ct)).Succeeded.ShouldBeTrue();
        var after = await infra.Files.GetAsync(ana, Report, Ct);

        before.Status.ShouldBe(ResultStatus.NotFound);
        member.Status.ShouldBe(ResultStatus.Ok);
        after.Status.ShouldBe(ResultStatus.NotFound);
    }

    [Theory]
    [ProviderData]
    public async Task An_explicit_none_below_a_grant_hides_that_folder_only(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (admin, _, ben) = await TeamAsync(infra);
        var salaries = NodePath.Parse("/Shared/Finance/Salaries");
        (await infra.Files.CreateFolderAsync(admin, salaries, Ct)).Succeeded.ShouldBeTrue();
        await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.Editor, Ct);

        await infra.Permissions.SetAsync(admin, salaries, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.None, Ct);

        (await infra.Files.GetAsync(ben, salaries, Ct)).Status.ShouldBe(ResultStatus.NotFound);
        (await infra.Files.GetAsync(ben, Report, Ct)).Status.ShouldBe(ResultStatus.Ok);
        var grants = (await infra.Permissions.ListAsync(admin, salaries, Ct)).Value.ShouldNotBeNull();
        grants.ShouldBe([new GrantView(PrincipalKind.User, "ben", AccessLevel.Editor, "/Shared/Finance"), new GrantView(PrincipalKind.User, "ben", AccessLevel.None, null)]);
    }

    [Theory]
    [ProviderData]
    public async Task Only_an_owner_manages_a_folders_permissions(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (admin, ana, ben) = await TeamAsync(infra);
        await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.Full, Ct);

        var byFull = await infra.Permissions.SetAsync(ben, Finance, new PrincipalName(PrincipalKind.User, "ana"), AccessLevel.Owner, Ct);
        await infra.Permissions.SetAsync(admin, Finance, new PrincipalName(PrincipalKind.User, "ben"), AccessLevel.Owner, Ct);
        var byOwner = await infra.Permissions.SetAsync(ben, Finance, new PrincipalName(PrincipalKind.User, "ana"), AccessLevel.Viewer, Ct);

        byFull.Status.ShouldBe(ResultStatus.Forbidden);
        byOwner.Status.ShouldBe(ResultStatus.Created);
        (await infra.Permissions.SharedWithMeAsync(ana, Ct)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.Path.ShouldBe("/Shared/Finance"),
            f => f.Level.ShouldBe(AccessLevel.Viewer));
    }

    /// <summary>An administrator's open <c>/Shared/Finance</c> holding <c>q3.xlsx</c>, and two users.</summary>
    private static async Task<(Caller Admin, Caller Ana, Caller Ben)> TeamAsync(InfrastructureHost infra)
    {
        var admin = await infra.CreateUserAsync("root", admin: true);
        (await infra.Files.CreateFolderAsync(admin, Finance, Ct)).Succeeded.ShouldBeTrue();
        (await infra.WriteTextAsync(admin, Report, "numbers")).Succeeded.ShouldBeTrue();
        return (admin, await infra.CreateUserAsync("ana"), await infra.CreateUserAsync("ben"));
    }
}
