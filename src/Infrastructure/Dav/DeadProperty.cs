namespace Strata.Infrastructure.Dav;

/// <summary>
/// A property a client set with PROPPATCH (RFC 4918 §4.2). Belongs to the node, so it follows the node
/// through MOVE and into the trash.
/// </summary>
public sealed class DeadProperty
{
    public const int MaxNamespace = 1024;

    public const int MaxName = 255;

    public long Id { get; set; }

    public long NodeId { get; set; }

    public required string Namespace { get; set; }

    public required string Name { get; set; }

    /// <summary>The property element's content as XML (text, or elements carrying their own namespace declarations).</summary>
    public required string Value { get; set; }
}
