using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

/// <summary>The preconditions a request puts on a write, read the same way by the REST API and WebDAV.</summary>
internal static class WriteConditionHeaders
{
    /// <summary><c>If-Match</c> (ETags or <c>*</c>) when present, and whether <c>If-None-Match</c> is <c>*</c> (create only).</summary>
    public static WriteConditions GetWriteConditions(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new WriteConditions(
            request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : null,
            request.Headers.IfNoneMatch.ToString().Trim() == "*");
    }
}
