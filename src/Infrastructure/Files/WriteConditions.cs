using Strata.Domain.Files;

namespace Strata.Infrastructure.Files;

/// <summary>Preconditions of a write: <c>If-Match</c> (ETags or <c>*</c>) and <c>If-None-Match: *</c> (create only).</summary>
public sealed record WriteConditions(string? IfMatch, bool IfNoneMatchAny)
{
    public static readonly WriteConditions None = new(null, false);

    /// <summary>Why new content may not be written at <paramref name="path"/>, where <paramref name="existing"/> is (null: nothing there).</summary>
    internal Result<NodeInfo>? RefuseWrite(NodePath path, Node? existing)
    {
        if (existing is not null && IfNoneMatchAny)
        {
            return Result<NodeInfo>.Fail(ResultStatus.PreconditionFailed, $"'{path}' already exists (If-None-Match: *).");
        }

        if (IfMatch is { } ifMatch && (existing is null || !Matches(ifMatch, existing)))
        {
            return Result<NodeInfo>.Fail(ResultStatus.PreconditionFailed, $"'{path}' does not match If-Match {ifMatch}.");
        }

        return null;
    }

    /// <summary>Why <paramref name="existing"/> may not be removed (to the trash).</summary>
    internal Result<NodeInfo>? RefuseRemove(NodePath path, Node existing) =>
        IfMatch is { } ifMatch && !Matches(ifMatch, existing)
            ? Result<NodeInfo>.Fail(ResultStatus.PreconditionFailed, $"'{path}' has changed (If-Match).")
            : null;

    private static bool Matches(string ifMatch, Node node)
    {
        var etag = NodeInfo.From(node).ETag;
        return ifMatch.Trim() == "*" || ifMatch.Split(',').Any(tag => tag.Trim() == etag);
    }
}
