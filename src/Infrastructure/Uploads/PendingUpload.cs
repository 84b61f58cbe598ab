namespace Strata.Infrastructure.Uploads;

/// <summary>
/// A tus upload in progress. <see cref="Offset"/> counts bytes that were fsynced to the part file
/// before this row was saved, so it can lag the file after a crash but never lead it.
/// </summary>
public sealed class PendingUpload
{
    /// <summary>32 lowercase hex digits: 128 bits from a CSPRNG, the only secret in the upload URL.</summary>
    public required string Id { get; init; }

    public required string OwnerId { get; init; }

    /// <summary>The target folder as the client named it, e.g. <c>/Shared/Builds</c>.</summary>
    public required string Folder { get; init; }

    public required string FileName { get; init; }

    public long Length { get; init; }

    public long Offset { get; set; }

    /// <summary>The client's <c>Upload-Metadata</c> header, returned unchanged by HEAD.</summary>
    public required string Metadata { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The upload link a visitor uploads through; null for a signed-in user's own upload.</summary>
    public long? LinkId { get; init; }

    /// <summary>Who the visitor said they are (<c>uploader</c> and <c>email</c> metadata), kept for the link's journal.</summary>
    public string? UploaderName { get; init; }

    public string? UploaderEmail { get; init; }
}
