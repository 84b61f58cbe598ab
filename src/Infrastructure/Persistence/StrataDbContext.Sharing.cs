using Microsoft.EntityFrameworkCore;
using Strata.Domain.Sharing;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<PublicLink> PublicLinks => Set<PublicLink>();

    public DbSet<LinkPolicy> LinkPolicies => Set<LinkPolicy>();
}
