using System.ComponentModel.DataAnnotations;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Previews;

/// <summary><c>Strata:Previews</c>: what rendering may cost.</summary>
public sealed class PreviewOptions
{
    public const string Section = "Strata:Previews";

    /// <summary>Images declaring more pixels than this (in millions) in their header are refused before decoding.</summary>
    [Range(0.01, 100_000)]
    public double MaxMegapixels { get; set; } = 100;

    /// <summary>Longest one rendition job may run before it is cancelled and recorded as failed.</summary>
    [Duration]
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest a native decoder (heif-convert) may run on one file before it is killed.</summary>
    [Duration]
    public TimeSpan ToolTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest ffprobe may take to read a video or audio file's facts; past it the file gets no preview.</summary>
    [Duration]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest ffmpeg may take to extract a video's poster frame or an audio file's cover art.</summary>
    [Duration]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A pending rendition older than this is taken for lost (its job died with the process that held it) and is
    /// queued again when someone asks for it.
    /// </summary>
    [Duration]
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest <c>pdfinfo</c> or <c>pdftoppm</c> may take over one PDF page before it is killed and the page refused.</summary>
    [Duration]
    public TimeSpan DocumentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest LibreOffice may take to convert one Office or OpenDocument file to PDF before it is killed.</summary>
    [Duration]
    public TimeSpan OfficeTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Where a render copies its source and lets the native tool write (one folder per render, deleted after it); the
    /// system's temporary folder when unset. A video's copy is as large as the video, more than a small tmpfs holds.
    /// </summary>
    public string? ScratchPath { get; set; }
}
