using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Comments;
using Strata.Infrastructure.Comments;
using Strata.Infrastructure.Flags;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Comments;

/// <summary>
/// <c>/api/v1/comments</c>: threads on a file or folder (by path), and changes to one comment (by id, under
/// <c>/id/</c>, which no path can be: paths start with an area). Signed-in users only: a public link's visitor never
/// reaches a comment. Behind the <see cref="FlagNames.Comments"/> flag.
/// </summary>
public static class CommentsApi
{
    private const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder endpoints)
    {
        var comments = endpoints.MapGroup("/api/v1/comments").RequireAuthorization().WithTags("Comments").RequireFeature(FlagNames.Comments);
        comments.MapPatch("/id/{id:long}", EditAsync).WithName("EditComment").WithSummary("Changes the Markdown of one's own comment; it shows as edited.");
        comments.MapDelete("/id/{id:long}", DeleteAsync).WithName("DeleteComment")
            .WithSummary("Deletes one's own comment, or any for Full and Owner; a first comment with replies stays as a \"deleted\" placeholder.");
        comments.MapPost("/id/{id:long}/resolve", (long id, HttpContext http, CommentService service, CancellationToken cancellationToken) =>
            SetResolvedAsync(id, resolved: true, http, service, cancellationToken)).WithName("ResolveCommentThread").WithSummary("Resolves the comment's thread.");
        comments.MapPost("/id/{id:long}/reopen", (long id, HttpContext http, CommentService service, CancellationToken cancellationToken) =>
            SetResolvedAsync(id, resolved: false, http, service, cancellationToken)).WithName("ReopenCommentThread").WithSummary("Opens the comment's thread again.");
        comments.MapPut("/id/{id:long}/reactions/{emoji}", (long id, string emoji, HttpContext http, CommentService service, CancellationToken cancellationToken) =>
            ReactAsync(id, emoji, add: true, http, service, cancellationToken)).WithName("AddCommentReaction").WithSummary("Adds the caller's reaction (one emoji).");
        comments.MapDelete("/id/{id:long}/reactions/{emoji}", (long id, string emoji, HttpContext http, CommentService service, CancellationToken cancellationToken) =>
            ReactAsync(id, emoji, add: false, http, service, cancellationToken)).WithName("RemoveCommentReaction").WithSummary("Takes the caller's reaction back.");
        comments.MapGet("/id/{id:long}/replies", EarlierRepliesAsync).WithName("ListEarlierReplies")
            .WithSummary("Up to 20 replies of the thread older than the reply before, oldest first; a thread in a page carries only its newest 20.");
        comments.MapGet("/mentions/{**path}", MentionsAsync).WithName("CommentMentionCandidates")
            .WithSummary("Up to 10 people whose user name or email starts with q and who can see the item, for @mentions.");
        comments.MapGet("/settings/{**path}", GetSettingAsync).WithName("GetCommentSetting").WithSummary("Who may comment in the folder, and where that comes from.");
        comments.MapPut("/settings/{**path}", SetSettingAsync).WithName("SetCommentSetting")
            .WithSummary("Sets who may comment in the folder and below (Readers, Editors, Off; null inherits); for those who manage it.");
        comments.MapGet("/{**path}", ListAsync).WithName("ListComments").WithSummary("The item's threads with their replies, a page at a time.");
        comments.MapPost("/{**path}", AddAsync).WithName("AddComment").WithSummary("Starts a thread on the item, or replies to one (parentId).");
        return endpoints;
    }

    /// <param name="path">The file or folder.</param>
    /// <param name="order"><c>newest</c> (default) or <c>oldest</c> thread first.</param>
    /// <param name="limit">Threads per page, 1 to 100 (default 20).</param>
    /// <param name="cursor">The previous page's <c>nextCursor</c>.</param>
    /// <param name="http">The request.</param>
    /// <param name="service">The comment service.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public static async Task<Results<Ok<CommentThreadsPage>, ProblemHttpResult>> ListAsync(
        string? path, [FromQuery] string? order, [FromQuery] int? limit, [FromQuery] string? cursor, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        if (order is not (null or "newest" or "oldest"))
        {
            return FsProblems.BadRequest("order is newest or oldest.");
        }

        if (limit is < 1 or > CommentService.MaxPageSize)
        {
            return FsProblems.BadRequest($"limit is between 1 and {CommentService.MaxPageSize}.");
        }

        var result = await service.ListAsync(http.User.ToCaller(), item, order != "oldest", limit ?? DefaultPageSize, cursor, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new CommentThreadsPage(result.Value.Threads.Select(CommentThreadDto.From).ToList(), result.Value.NextCursor, result.Value.CanComment))
            : FsProblems.From(result);
    }

    /// <param name="id">The thread's first comment.</param>
    /// <param name="before">The oldest reply the caller has; older ones come back.</param>
    /// <param name="http">The request.</param>
    /// <param name="service">The comment service.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    public static async Task<Results<Ok<ReplyPageDto>, ProblemHttpResult>> EarlierRepliesAsync(
        long id, [FromQuery] long? before, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        var result = await service.EarlierRepliesAsync(http.User.ToCaller(), id, before ?? long.MaxValue, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new ReplyPageDto(result.Value.Replies.Select(CommentDto.From).ToList(), result.Value.EarlierReplies))
            : FsProblems.From(result);
    }

    public static async Task<Results<Created<CommentPostedDto>, ProblemHttpResult>> AddAsync(
        string? path, CommentRequest request, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        CommentAnchor? anchor = null;
        if (request.Anchor is { } pin)
        {
            if (!pin.TryParse(out var parsed, out var error))
            {
                return FsProblems.BadRequest(error);
            }

            anchor = parsed;
        }

        var result = await service.AddAsync(http.User.ToCaller(), item, new NewComment(request.Body, request.ParentId, anchor), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created("/api/v1/comments" + FsApi.EncodePath(item.Value), CommentPostedDto.From(result.Value))
            : FsProblems.From(result);
    }

    public static async Task<Results<Ok<CommentPostedDto>, ProblemHttpResult>> EditAsync(
        long id, EditCommentRequest request, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await service.EditAsync(http.User.ToCaller(), id, request.Body, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(CommentPostedDto.From(result.Value)) : FsProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        var result = await service.DeleteAsync(http.User.ToCaller(), id, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : FsProblems.From(result);
    }

    public static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> SetResolvedAsync(
        long id, bool resolved, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await service.SetResolvedAsync(http.User.ToCaller(), id, resolved, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(CommentDto.From(result.Value)) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<IReadOnlyList<ReactionCount>>, ProblemHttpResult>> ReactAsync(
        long id, string emoji, bool add, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await service.ReactAsync(http.User.ToCaller(), id, emoji, add, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<IReadOnlyList<MentionCandidate>>, ProblemHttpResult>> MentionsAsync(
        string? path, [FromQuery] string? q, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        var result = await service.MentionCandidatesAsync(http.User.ToCaller(), item, q, limit: 10, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<CommentSettingView>, ProblemHttpResult>> GetSettingAsync(
        string? path, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        var result = await service.GetSettingAsync(http.User.ToCaller(), folder, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<CommentSettingView>, ProblemHttpResult>> SetSettingAsync(
        string? path, CommentSettingRequest request, HttpContext http, CommentService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        CommentPolicy? policy = null;
        if (request.Policy is not null)
        {
            if (!Enum.TryParse<CommentPolicy>(request.Policy, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(request.Policy, out _))
            {
                return FsProblems.BadRequest("policy is one of Readers, Editors, Off, or null to inherit.");
            }

            policy = parsed;
        }

        var result = await service.SetSettingAsync(http.User.ToCaller(), folder, policy, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }
}
