namespace Strata.Infrastructure.Flags;

/// <summary>The product's feature flags: each gates a rollout or is a kill switch for a front door.</summary>
public static class Flags
{
    public const string WebDav = "WebDav";
    public const string PublicLinks = "PublicLinks";
    public const string UploadLinks = "UploadLinks";
    public const string Thumbnails = "Thumbnails";
    public const string VideoTranscode = "VideoTranscode";
    public const string Search = "Search";
    public const string Comments = "Comments";
    public const string Tasks = "Tasks";
    public const string LiveUpdates = "LiveUpdates";

    /// <summary>Seeded on first start, enabled, so a fresh installation has everything on.</summary>
    public static readonly IReadOnlyDictionary<string, string> Seeds = new Dictionary<string, string>
    {
        [WebDav] = "The WebDAV endpoint /dav/ (mounted drives, sync clients).",
        [PublicLinks] = "Public share links for people outside the company.",
        [UploadLinks] = "File request links that let visitors upload into a folder.",
        [Thumbnails] = "Thumbnails for images and videos.",
        [VideoTranscode] = "Streaming-friendly transcodes of uploaded videos.",
        [Search] = "Full-text search.",
        [Comments] = "Comments on files and folders.",
        [Tasks] = "Tasks attached to files and folders.",
        [LiveUpdates] = "Live folder updates in the browser and the SignalR hub.",
    };
}
