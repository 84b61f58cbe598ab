using System.Security.Cryptography;

namespace Strata.Infrastructure.Uploads;

/// <summary>
/// The SHA-256 of a part file's first <see cref="Length"/> bytes, extended as bytes are appended, so a finished
/// upload need not be read again to be hashed. In memory only (see <see cref="PartFiles.HashForAppend"/>).
/// Not thread-safe: used under the upload's lock.
/// </summary>
public sealed class PartHash : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _sha.AppendData(bytes);
        Length += bytes.Length;
    }

    /// <summary>Lowercase hex of the hash so far; appending may go on after.</summary>
    public string Current() => Convert.ToHexStringLower(_sha.GetCurrentHash());

    public void Dispose() => _sha.Dispose();
}
