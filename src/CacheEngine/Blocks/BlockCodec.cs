using System.Buffers.Binary;
using System.IO.Hashing;
using GatewayFs.CacheEngine.Storage;

namespace GatewayFs.CacheEngine.Blocks;

/// <summary>
/// Key and value formats of the block store.
/// Key (24 bytes): identity hash (u128) | block index (i64).
/// Value: <code>
///  0 u32 magic "GBC1" | 4 i32 block size of the cache that wrote it | 8 i64 block index
/// 16 u16 identity length | 18 u16 0 | 20 i32 payload length
/// 24 u64 checksum (XxHash3 of bytes 0..24, identity, payload) | 32 identity | payload
/// </code>
/// A value is served only if every field matches what the reader asked for and the checksum holds.
/// </summary>
internal static class BlockCodec
{
    internal const int KeySize = 24;
    internal const int HeaderSize = 32;
    private const uint Magic = 0x31434247; // "GBC1"
    private const long Seed = 0x424C4F434B563031;

    internal static void WriteKey(Span<byte> dest, BlockIdentity identity, long index)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(dest, identity.Hash);
        BinaryPrimitives.WriteInt64LittleEndian(dest[16..], index);
    }

    internal static int ValueSize(BlockIdentity identity, int payloadLength) => HeaderSize + identity.Bytes.Length + payloadLength;

    internal static void WriteValue(Span<byte> dest, int blockSize, BlockIdentity identity, long index, ReadOnlySpan<byte> payload)
    {
        var id = identity.Bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(dest, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(dest[4..], blockSize);
        BinaryPrimitives.WriteInt64LittleEndian(dest[8..], index);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[16..], (ushort)id.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[18..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(dest[20..], payload.Length);
        id.CopyTo(dest[HeaderSize..]);
        payload.CopyTo(dest[(HeaderSize + id.Length)..]);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[24..], Compute(dest, id.Length, payload.Length));
    }

    private static ulong Compute(ReadOnlySpan<byte> value, int idLength, int payloadLength)
        => Checksum.Of(value[..24], value.Slice(HeaderSize, idLength + payloadLength), Seed);

    /// <summary>
    /// Verifies a stored value against the request and copies its payload into destination.
    /// The payload is hashed and copied chunk by chunk, so the bytes (fresh from a DMA, not in
    /// any CPU cache) are pulled from memory once. On any outcome but Hit the destination may
    /// hold garbage and must not be used.
    /// </summary>
    internal static BlockReadOutcome TryCopy(ReadOnlySpan<byte> value, int blockSize, BlockIdentity identity, long index, Span<byte> destination, out int length)
    {
        length = 0;
        if (value.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(value) != Magic) return BlockReadOutcome.Corrupt;
        int idLength = BinaryPrimitives.ReadUInt16LittleEndian(value[16..]);
        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(value[20..]);
        if (payloadLength < 0 || HeaderSize + idLength + payloadLength != value.Length) return BlockReadOutcome.Corrupt;
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(value[24..]);
        // A record written for another block size, block or identity (hash collision) is not
        // ours; whether it is intact only decides if it is counted as corrupt.
        if (BinaryPrimitives.ReadInt32LittleEndian(value[4..]) != blockSize
            || BinaryPrimitives.ReadInt64LittleEndian(value[8..]) != index
            || payloadLength > blockSize
            || !value.Slice(HeaderSize, idLength).SequenceEqual(identity.Bytes))
            return stored == Compute(value, idLength, payloadLength) ? BlockReadOutcome.Foreign : BlockReadOutcome.Corrupt;
        if (payloadLength > destination.Length) return BlockReadOutcome.DestinationTooSmall;
        var hash = new XxHash3(Seed);
        hash.Append(value[..24]);
        hash.Append(value.Slice(HeaderSize, idLength));
        var payload = value.Slice(HeaderSize + idLength, payloadLength);
        for (int at = 0; at < payloadLength; at += Chunk)
        {
            var chunk = payload.Slice(at, Math.Min(Chunk, payloadLength - at));
            hash.Append(chunk);
            chunk.CopyTo(destination[at..]);
        }
        if (hash.GetCurrentHashAsUInt64() != stored) return BlockReadOutcome.Corrupt;
        length = payloadLength;
        return BlockReadOutcome.Hit;
    }

    /// <summary>Hash-and-copy step: small enough to stay in L1/L2 between the two passes.</summary>
    private const int Chunk = 16 << 10;
}

/// <summary>Result of matching a stored value against a read request.</summary>
internal enum BlockReadOutcome : byte
{
    Miss = 0,
    Hit,
    Corrupt,
    Foreign,
    DestinationTooSmall,
}
