namespace Strata.Infrastructure.Files;

public enum FsStatus
{
    Ok,
    Created,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
    PreconditionFailed,

    /// <summary>Another user holds a WebDAV lock over the item.</summary>
    Locked,
}

/// <summary>The outcome of a file-system operation: expected failures are values, with a reason for the problem detail.</summary>
public sealed record FsResult<T>(FsStatus Status, T? Value, string? Detail)
{
    public bool Succeeded => Status is FsStatus.Ok or FsStatus.Created;

    public static FsResult<T> Ok(T value) => new(FsStatus.Ok, value, null);

    public static FsResult<T> Created(T value) => new(FsStatus.Created, value, null);

    public static FsResult<T> Fail(FsStatus status, string detail) => new(status, default, detail);

    /// <summary>Carries a failure of another result type over unchanged.</summary>
    public FsResult<TOther> As<TOther>() => Succeeded
        ? throw new InvalidOperationException("Only failures can be carried over.")
        : new(Status, default, Detail);
}
