namespace Strata.Infrastructure.Search;

/// <summary>
/// Reads the text of one family of formats (PDF, Office, e-mail…) into a <see cref="TextSink"/>, streaming, and stops
/// when the sink is full or the token is cancelled. A broken file throws; <see cref="TextExtraction"/> records why.
/// </summary>
public interface ITextExtractor
{
    /// <summary>Whether this extractor reads content of <paramref name="contentType"/>.</summary>
    bool Accepts(string contentType);

    /// <param name="source">The content, seekable, positioned at its start.</param>
    /// <param name="contentType">Its type, one this extractor accepts.</param>
    /// <param name="sink">Where the text goes.</param>
    /// <param name="cancellationToken">Cancelled at the time cap.</param>
    Task ExtractAsync(Stream source, string contentType, TextSink sink, CancellationToken cancellationToken);
}
