namespace Strata.Web.Dav;

/// <summary>
/// An expected protocol failure raised deep in request parsing (bad XML, bad header); the endpoint
/// turns it into an RFC 4918 error response. Never used for bugs.
/// </summary>
internal sealed class DavException(int status, string message, string? condition = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The RFC 4918 precondition element name (in <c>DAV:</c>), e.g. <c>propfind-finite-depth</c>.</summary>
    public string? Condition { get; } = condition;
}
