using System.Globalization;
using Microsoft.Extensions.Options;
using Strata.Infrastructure;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;

namespace Strata.Web.Dav;

/// <summary>LOCK and UNLOCK (RFC 4918 §9.10, §9.11): write locks, exclusive or shared, depth 0 or infinity.</summary>
internal static class LockHandler
{
    /// <summary>Longest lock granted; clients refresh (davfs2 every 60 s, Office every 180 s or more).</summary>
    public const int MaxTimeoutSeconds = 3600;

    public static async Task LockAsync(DavContext context)
    {
        var body = await DavXml.ReadBodyAsync(context.Request, context.Aborted);
        var timeout = Timeout(context.Request);
        if (body is null)
        {
            await RefreshAsync(context, timeout);
            return;
        }

        if (body.Root is not { } info || info.Name != DavXml.D + "lockinfo" || info.Element(DavXml.D + "lockscope") is not { } scope)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The body must be a DAV:lockinfo with a lockscope.");
        }

        var shared = scope.Element(DavXml.D + "shared") is not null;
        if (!shared && scope.Element(DavXml.D + "exclusive") is null)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The lockscope must be exclusive or shared.");
        }

        var depth = context.Depth(absent: int.MaxValue);
        if (depth == 1)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "LOCK takes Depth 0 or infinity.");
        }

        // A lock on an unmapped URL creates a file there (§9.10.4): without a folder to hold it, the answer is a PUT's
        // (409), before any right is asked, as for a folder the caller may not see.
        var node = await context.FindAsync(context.Path);
        if (node is null && await context.Files.CheckWritableAsync(context.Caller, context.Path, WriteConditions.None, context.Aborted) is { Status: ResultStatus.NotFound } missing)
        {
            await context.FailWriteAsync(missing);
            return;
        }

        if (!DavAccess.CanModify(context.Access, context.Path))
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, $"You may not lock '{context.Path}'.");
            return;
        }

        if (context.If is { } header && !await DavConditions.HoldsAsync(context, header))
        {
            await context.FailAsync(StatusCodes.Status412PreconditionFailed, "The If header does not hold.");
            return;
        }

        var ownerXml = info.Element(DavXml.D + "owner") is { } owner ? DavXml.InnerXml(owner) : null;
        if (ownerXml?.Length > DavLock.MaxOwnerXml)
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The lock owner is too long.");
        }

        var outcome = await context.Locks.LockAsync(
            context.Path, context.Caller, shared, deep: depth != 0 && (node?.IsFolder ?? false), ownerXml, timeout, context.Aborted);
        if (outcome.LimitLiftsAt is { } lifts)
        {
            await RefuseOverLimitAsync(context, lifts);
            return;
        }

        if (outcome.Granted is not { } granted)
        {
            await context.FailAsync(StatusCodes.Status423Locked, $"'{outcome.ConflictRoot}' is locked.", "no-conflicting-lock");
            return;
        }

        var status = StatusCodes.Status200OK;
        if (node is null && !await CreateLockedEmptyFileAsync(context, granted))
        {
            return;
        }

        if (node is null)
        {
            status = StatusCodes.Status201Created;
        }

        context.Response.Headers["Lock-Token"] = $"<{granted.Token}>";
        await LockDiscovery.WriteLockResponseAsync(context.Response, status, granted);
    }

    public static async Task UnlockAsync(DavContext context)
    {
        var token = context.Request.Headers["Lock-Token"].ToString().Trim();
        // Windows sends the token without the angle brackets RFC 4918 requires; accept both.
        token = token.StartsWith('<') && token.EndsWith('>') ? token[1..^1] : token;
        if (token.Length == 0)
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, "UNLOCK needs a Lock-Token header.");
            return;
        }

        var davLock = await context.Locks.FindAsync(token, context.Aborted);
        if (davLock is null || !DavLockQueries.Covers(davLock, context.Path))
        {
            await context.FailAsync(StatusCodes.Status409Conflict, "No such lock on this resource.", "lock-token-matches-request-uri");
            return;
        }

        if (!DavLockStore.CanRelease(context.Caller, davLock))
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, "Only the lock's owner or an administrator can release it.");
            return;
        }

        await context.Locks.UnlockAsync(token, context.Caller, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>A LOCK without a body refreshes the lock named in the If header (§9.10.2).</summary>
    private static async Task RefreshAsync(DavContext context, int timeout)
    {
        var tokens = context.If?.Tokens.ToList() ?? [];
        if (tokens.Count == 0)
        {
            await context.FailAsync(StatusCodes.Status400BadRequest, "A lock refresh names its lock token in the If header.");
            return;
        }

        var covering = await context.Locks.CoveringAsync(context.Path, context.Aborted);
        var current = covering.FirstOrDefault(l => tokens.Contains(l.Token) && l.OwnerId == context.Caller.UserId);
        if (current is null)
        {
            await context.FailAsync(StatusCodes.Status412PreconditionFailed, "The If header names no lock held on this resource.", "lock-token-matches-request-uri");
            return;
        }

        var refreshed = await context.Locks.RefreshAsync(current.Token, timeout, context.Aborted);
        if (refreshed is null)
        {
            await context.FailAsync(StatusCodes.Status412PreconditionFailed, "The lock has expired.");
            return;
        }

        await LockDiscovery.WriteLockResponseAsync(context.Response, StatusCodes.Status200OK, refreshed);
    }

    /// <summary>429 with the wait until the first of the caller's locks expires, when it may lock again without unlocking.</summary>
    private static Task RefuseOverLimitAsync(DavContext context, DateTimeOffset lifts)
    {
        var clock = context.Http.RequestServices.GetRequiredService<TimeProvider>();
        var seconds = Math.Max(1, (int)Math.Ceiling((lifts - clock.GetUtcNow()).TotalSeconds));
        var limit = context.Http.RequestServices.GetRequiredService<IOptions<DavOptions>>().Value.MaxLocksPerUser;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return context.FailAsync(
            StatusCodes.Status429TooManyRequests,
            $"You hold {limit.ToString("N0", CultureInfo.InvariantCulture)} WebDAV locks, the most one account may. Release one (UNLOCK), or wait for one to expire.");
    }

    /// <summary>Locking an unmapped URL creates an empty file (§7.3); without a parent folder the lock is withdrawn (409).</summary>
    private static async Task<bool> CreateLockedEmptyFileAsync(DavContext context, DavLock granted)
    {
        var created = await context.Files.WriteAsync(context.Caller, context.Path, Stream.Null, new WriteConditions(null, IfNoneMatchAny: true), context.Aborted);
        if (created.Succeeded)
        {
            return true;
        }

        await context.Locks.UnlockAsync(granted.Token, context.Caller, context.Aborted);
        await context.FailWriteAsync(created);
        return false;
    }

    /// <summary><c>Timeout: Second-N, Infinite</c>: the first value we understand, capped at <see cref="MaxTimeoutSeconds"/>.</summary>
    private static int Timeout(HttpRequest request)
    {
        foreach (var value in request.Headers["Timeout"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (value.Equals("Infinite", StringComparison.OrdinalIgnoreCase))
            {
                return MaxTimeoutSeconds;
            }

            if (value.StartsWith("Second-", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return (int)Math.Min(seconds, MaxTimeoutSeconds);
            }
        }

        return MaxTimeoutSeconds;
    }
}
