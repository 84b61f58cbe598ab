namespace Strata.Infrastructure.Flags;

/// <summary>The product's feature flags: each gates a rollout or is a kill switch for a front door.</summary>
public static class FlagNames
{
    public const string WebDav = "WebDav";
    public const string PublicLinks = "PublicLinks";
    public const string UploadLinks = "UploadLinks";
    public const string LiveUpdates = "LiveUpdates";
    public const string Thumbnails = "Thumbnails";
    public const string VideoTranscode = "VideoTranscode";
    public const string Comments = "Comments";
    public const string Tasks = "Tasks";
    public const string Search = "Search";

    /// <summary>
    /// Seeded on first start, enabled, so a fresh installation has everything on. Only features that exist have a
    /// flag: the work that builds one adds its flag here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Seeds = new Dictionary<string, string>
    {
        [WebDav] = "The WebDAV endpoint /dav/ (mounted drives, sync clients).",
        [PublicLinks] = "Public share links for people outside the company.",
        [UploadLinks] = "File request links that let visitors upload into a folder.",
        [LiveUpdates] = "Live folder updates in the browser and the SignalR hub.",
        [Thumbnails] = "Thumbnails of new photos, made in the background; off, nothing new is rendered and existing ones are still served.",
        [VideoTranscode] = "Web-playable MP4 copies of videos browsers cannot play, made in the background on upload (or when first asked for); off, none are made and existing ones are still served.",
        [Comments] = "Comments, replies, reactions, pins and @mentions on files and folders; off, the comments API answers 503 and the Comments tab is hidden (nothing is deleted).",
        [Tasks] = "Tasks on files and folders (To do, Review, Approval), My tasks and their reminders; off, the tasks API answers 503 and no reminders are written.",
        [Search] = "Search: the search API and the search box and results page, and the text of uploaded documents (PDF, Office, OpenDocument, e-mail, HTML, text) read in the background; off, the search API answers 503, the search box is hidden and nothing new is read.",
    };
}
