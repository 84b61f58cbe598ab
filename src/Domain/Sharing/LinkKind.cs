namespace Strata.Domain.Sharing;

/// <summary>What a public link lets visitors do; stored by name, so names are a contract.</summary>
public enum LinkKind
{
    /// <summary>Look at and download the item.</summary>
    Download,

    /// <summary>A file request: drop files into the folder, without seeing what it holds.</summary>
    Upload,
}
