namespace Strata.Workers.Previews;

/// <summary>
/// Hangfire queues of rendition work, in the order the rendition workers take them: a preview someone is waiting for
/// goes before the backlog of a bulk upload.
/// </summary>
public static class RenditionQueues
{
    public const string Interactive = "interactive";
    public const string Background = "background";

    /// <summary>Transcodes, which take minutes each: their own worker, so thumbnails never wait behind one.</summary>
    public const string Video = "video";

    public static string[] InPriorityOrder { get; } = [Interactive, Background];

    /// <summary>About half the cores render, so that browsing stays fast while a bulk upload is pictured.</summary>
    public static int WorkerCount => Math.Max(1, Environment.ProcessorCount / 2);
}
