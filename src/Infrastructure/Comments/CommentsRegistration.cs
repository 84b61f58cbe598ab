using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Comments;

public static class CommentsRegistration
{
    /// <summary>The comment service; it builds on sharing (<c>AddSharing</c>) and accounts (<c>AddAccounts</c>).</summary>
    public static IHostApplicationBuilder AddComments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CommentService>();
        return builder;
    }
}
