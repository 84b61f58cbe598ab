namespace Strata.Web.Uploads;

/// <summary>Names and fixed values of the tus 1.0.0 protocol.</summary>
internal static class TusHeaders
{
    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,termination,expiration";
    public const string OffsetContentType = "application/offset+octet-stream";

    public const string Resumable = "Tus-Resumable";
    public const string SupportedVersions = "Tus-Version";
    public const string SupportedExtensions = "Tus-Extension";
    public const string MaxSize = "Tus-Max-Size";
    public const string UploadLength = "Upload-Length";
    public const string UploadDeferLength = "Upload-Defer-Length";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadMetadata = "Upload-Metadata";
    public const string UploadExpires = "Upload-Expires";

    /// <summary>Strata's own: where a completed upload landed in the namespace.</summary>
    public const string NodePath = "Strata-Node-Path";
}
