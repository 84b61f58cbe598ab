using System.ComponentModel.DataAnnotations;

namespace Strata.Infrastructure.Hosting;

/// <summary>The <c>Strata</c> configuration section's top level.</summary>
public sealed class StrataOptions
{
    public const string Section = "Strata";

    /// <summary>Folder holding the SQLite file, blobs, partial uploads and keys on the embedded default.</summary>
    [Required(ErrorMessage = "{0} must not be empty.")]
    public string DataPath { get; set; } = "data";

    public string FullDataPath => Path.GetFullPath(DataPath);

    /// <summary>
    /// Reverse proxies (addresses such as <c>10.0.0.5</c> or networks such as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed; a proxy on loopback always is.
    /// </summary>
    [ProxyAddresses]
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// What this host does when several share one database: <see cref="HostRoles.Web"/> hosts serve people and queue
    /// jobs, <see cref="HostRoles.Worker"/> hosts run them (renditions, text extraction, the GC and other recurring
    /// work); one host alone does both.
    /// </summary>
    [EnumDataType(typeof(HostRoles), ErrorMessage = "{0} must be Both, Web or Worker.")]
    public HostRoles Roles { get; set; } = HostRoles.Both;

    public bool RunsJobs => Roles != HostRoles.Web;
}

public enum HostRoles
{
    Both,
    Web,
    Worker,
}
