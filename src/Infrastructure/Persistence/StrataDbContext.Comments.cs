using Microsoft.EntityFrameworkCore;
using Strata.Domain.Comments;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentReaction> CommentReactions => Set<CommentReaction>();

    public DbSet<CommentSetting> CommentSettings => Set<CommentSetting>();
}
