namespace Strata.Infrastructure.Search;

/// <summary>Thrown by an extractor for content it reads by rule no text from (an encrypted PDF): recorded as skipped, never retried.</summary>
public sealed class ExtractionSkippedException(string reason) : Exception(reason);
