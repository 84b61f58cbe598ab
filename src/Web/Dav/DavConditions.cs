using Strata.Domain.Files;

namespace Strata.Web.Dav;

/// <summary>
/// Lock enforcement and the <c>If</c> header for a modifying request (RFC 4918 §7, §10.4). Applied to
/// PUT, DELETE, MKCOL, COPY/MOVE destinations, MOVE sources, PROPPATCH and LOCK; never to reads.
/// </summary>
internal static class DavConditions
{
    /// <summary>
    /// First the <c>If</c> header must hold (else 412); then every lock bearing on a target must have its
    /// token submitted in <c>If</c> by its owner (else 423, naming the lock root). In that order, as litmus
    /// and Apache expect: a false condition is a 412 even on a locked resource. Writes the error and
    /// returns false when the request may not go on.
    /// </summary>
    public static Task<bool> CheckAsync(DavContext context, params (NodePath Path, bool WithMembers)[] targets) =>
        CheckAsync(context, ownerMayOmitToken: false, targets);

    /// <inheritdoc cref="CheckAsync(DavContext, ValueTuple{NodePath, bool}[])"/>
    /// <param name="context">The request.</param>
    /// <param name="ownerMayOmitToken">
    /// Lets a lock's owner through without its token: only for Windows' own properties (Win32 times, attributes), which Explorer and
    /// Office set without the token of the lock they themselves hold (and fail the save when refused).
    /// </param>
    /// <param name="targets">The paths the request changes, with whether it changes their members too.</param>
    public static async Task<bool> CheckAsync(DavContext context, bool ownerMayOmitToken, params (NodePath Path, bool WithMembers)[] targets)
    {
        if (context.If is { } header && !await HoldsAsync(context, header))
        {
            await context.FailAsync(StatusCodes.Status412PreconditionFailed, "The If header does not hold.");
            return false;
        }

        var submitted = context.If?.Tokens.ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (path, withMembers) in targets)
        {
            var locks = await context.Locks.AffectingAsync(path, withMembers, context.Aborted);
            if (locks.Count > 0 && !locks.Any(l => (ownerMayOmitToken || submitted.Contains(l.Token)) && l.OwnerId == context.Caller.UserId))
            {
                var root = NodePath.Parse(locks[0].Path);
                await context.FailAsync(StatusCodes.Status423Locked, $"'{root}' is locked.", "lock-token-submitted", DavPaths.Href(root, collection: false));
                return false;
            }
        }

        return true;
    }

    /// <summary>True when any list holds for its resource (untagged lists: the request URL).</summary>
    public static async Task<bool> HoldsAsync(DavContext context, IfHeader header)
    {
        var states = new Dictionary<NodePath, (string? ETag, HashSet<string> Tokens)>();
        foreach (var list in header.Lists)
        {
            var path = list.Resource is null ? context.Path : DavPaths.ResolveUrl(context.Request, list.Resource);
            if (path is null)
            {
                continue;
            }

            if (!states.TryGetValue(path, out var state))
            {
                var node = await context.FindAsync(path);
                var locks = await context.Locks.CoveringAsync(path, context.Aborted);
                state = (node?.ETag, locks.Select(l => l.Token).ToHashSet(StringComparer.Ordinal));
                states[path] = state;
            }

            if (list.Conditions.All(c => c.Not != Matches(c, state.ETag, state.Tokens)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(IfCondition condition, string? etag, HashSet<string> tokens) =>
        condition.Token is { } token ? tokens.Contains(token) : etag is not null && condition.ETag == etag;
}
