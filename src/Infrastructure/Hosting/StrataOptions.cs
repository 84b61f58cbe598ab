namespace Strata.Infrastructure.Hosting;

/// <summary>The <c>Strata</c> configuration section's top level.</summary>
public sealed class StrataOptions
{
    public const string Section = "Strata";

    /// <summary>Folder holding the SQLite file, blobs, partial uploads and keys on the embedded default.</summary>
    public string DataPath { get; set; } = "data";

    public string FullDataPath => Path.GetFullPath(DataPath);
}
