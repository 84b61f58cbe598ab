using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Strata.Infrastructure.Files;

/// <summary>
/// A blob inside a volume: a fixed header, then the bytes. The header carries its own checksum, so a scan trusts a
/// header without reading the bytes after it, and the bytes' checksum, so the tail of the volume that was being
/// appended to when the process stopped can be checked record by record: a power cut may keep the new length of the
/// file but not all of what was written before it.
/// <code>
/// 0  magic "SBP1"   4  length (int32)   8  written at (Unix ms, int64)   16  SHA-256 (32 bytes)
/// 48 CRC-32C of the bytes   52 CRC-32C of header bytes 0..51
/// </code>
/// </summary>
internal static class PackRecord
{
    public const int HeaderSize = 56;
    private const uint Magic = 0x31504253; // "SBP1" little-endian

    public static void WriteHeader(Span<byte> header, BlobKey key, long writtenAtMs, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], writtenAtMs);
        key.WriteTo(header[16..48]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], Crc32C(payload));
        BinaryPrimitives.WriteUInt32LittleEndian(header[52..], Crc32C(header[..52]));
    }

    /// <summary>False when the bytes are not an intact header (a torn write, zeros from an extended file, garbage).</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out BlobKey key, out int length, out long writtenAtMs, out uint payloadCrc)
    {
        key = default;
        length = 0;
        writtenAtMs = 0;
        payloadCrc = 0;
        if (header.Length < HeaderSize
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(header[52..]) != Crc32C(header[..52]))
        {
            return false;
        }

        length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        writtenAtMs = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        key = BlobKey.Read(header[16..48]);
        payloadCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[48..]);
        return length >= 0;
    }

    /// <summary>CRC-32C with the CPU's instruction (SSE 4.2, ARMv8), several GB/s: no package needed for it.</summary>
    // Fully optimised from the first call: the start-up scan runs it over a whole volume before tiering would kick in.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            crc = BitOperations.Crc32C(crc, word);
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}

/// <summary>A SHA-256 as four words: a quarter of the memory of its hex string as a dictionary key.</summary>
internal readonly record struct BlobKey(ulong A, ulong B, ulong C, ulong D)
{
    public static BlobKey Read(ReadOnlySpan<byte> sha256) => new(
        BinaryPrimitives.ReadUInt64BigEndian(sha256),
        BinaryPrimitives.ReadUInt64BigEndian(sha256[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(sha256[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(sha256[24..]));

    public static BlobKey FromHex(string hash)
    {
        Span<byte> bytes = stackalloc byte[32];
        Convert.FromHexString(hash, bytes, out _, out _);
        return Read(bytes);
    }

    public void WriteTo(Span<byte> sha256)
    {
        BinaryPrimitives.WriteUInt64BigEndian(sha256, A);
        BinaryPrimitives.WriteUInt64BigEndian(sha256[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(sha256[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(sha256[24..], D);
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
