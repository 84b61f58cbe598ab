using System.Diagnostics.CodeAnalysis;

namespace Strata.Infrastructure;

public enum ResultStatus
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

/// <summary>
/// The outcome of an operation of a service (files, sharing, groups): expected failures are values, with a reason for the
/// problem detail; <see cref="Value"/> is set when it succeeded.
/// </summary>
public sealed record Result<T>(ResultStatus Status, T? Value, string? Detail)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Status is ResultStatus.Ok or ResultStatus.Created;

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value, null);

    public static Result<T> Created(T value) => new(ResultStatus.Created, value, null);

    public static Result<T> Fail(ResultStatus status, string detail) => new(status, default, detail);

    /// <summary>Carries a failure of another result type over unchanged.</summary>
    public Result<TOther> As<TOther>() => Succeeded
        ? throw new InvalidOperationException("Only failures can be carried over.")
        : new(Status, default, Detail);
}
