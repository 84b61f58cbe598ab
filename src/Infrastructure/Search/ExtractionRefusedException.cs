namespace Strata.Infrastructure.Search;

/// <summary>
/// Thrown by an extractor for content it will not read because reading it would cost far more than a document can
/// (a zip bomb, a PDF of a million pages): recorded as failed at once, with the reason, and never retried by itself.
/// </summary>
public sealed class ExtractionRefusedException(string reason) : Exception(reason);
