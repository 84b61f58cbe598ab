namespace Strata.Domain.Previews;

/// <summary>What a rendition shows of its source; stored by name, so names are a contract.</summary>
public enum RenditionKind
{
    /// <summary>A still picture of the content (a photo; later a document's first page or a video's poster) at one size.</summary>
    Thumbnail,

    /// <summary>
    /// The facts of a video or audio file (duration, dimensions, codecs, bitrate) as a JSON blob, size 0; read by the
    /// job that makes its thumbnails.
    /// </summary>
    Info,

    /// <summary>A web-playable copy of a video browsers cannot play (H.264/AAC MP4, faststart, at most 720 lines), size 720.</summary>
    Video,

    /// <summary>
    /// The words of a document (PDF, Office, OpenDocument, e-mail, HTML, plain text) as a UTF-8 blob, size 0, read by
    /// search: extracted once per content, so re-indexing never reads a document again.
    /// </summary>
    Text,
}
