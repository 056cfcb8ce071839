using System.IO.Hashing;

namespace GatewayFs.CacheEngine.Storage;

/// <summary>The record checksum used by every on-disk format here: XxHash3 (64-bit), seeded per format.</summary>
internal static class Checksum
{
    /// <summary>Hash of one span.</summary>
    internal static ulong Of(ReadOnlySpan<byte> data, long seed) => XxHash3.HashToUInt64(data, seed);

    /// <summary>Hash of a header followed by a payload, without concatenating them.</summary>
    internal static ulong Of(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, long seed)
    {
        var h = new XxHash3(seed);
        h.Append(header);
        h.Append(payload);
        return h.GetCurrentHashAsUInt64();
    }
}
