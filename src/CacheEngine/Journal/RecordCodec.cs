using System.Buffers.Binary;
using FASTER.core;
using GatewayFs.CacheEngine.Storage;

namespace GatewayFs.CacheEngine.Journal;

/// <summary>
/// The on-disk form of one journal record inside a FasterLog entry:
/// <code>
///  0 u16 magic 0x4A47 | 2 u8 version | 3 u8 kind | 4 u32 payload length
///  8 u64 sequence | 16 u64 volume | 24 u64 file | 32 i64 offset
/// 40 u64 checksum (XxHash3 of bytes 0..40 and of the payload's own XxHash3) | 48 payload
/// </code>
/// FasterLog adds its own length and per-entry checksum around this; ours also covers the
/// fields so a record moved or misread is caught, and lets the format outlive FASTER.
/// </summary>
internal static class RecordCodec
{
    internal const int HeaderSize = 48;
    internal const ushort Magic = 0x4A47;
    internal const byte Version = 1;
    internal const long Seed = 0x4A4F55524E414C31; // "JOURNAL1"

    /// <summary>Internal kind: payload is a list of retired record addresses (i64 each).</summary>
    internal const JournalRecordKind Retire = (JournalRecordKind)3;

    /// <summary>
    /// Internal kind: a live record moved to the tail so the head can advance. Offset = the
    /// record's original address (its identity); payload = the original entry, header and all.
    /// </summary>
    internal const JournalRecordKind Relocated = (JournalRecordKind)4;

    internal static void WriteHeader(Span<byte> dest, JournalRecordKind kind, int payloadLength, ulong sequence, ulong volume, ulong file, long offset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(dest, Magic);
        dest[2] = Version;
        dest[3] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(dest[4..], payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[8..], sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], volume);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[24..], file);
        BinaryPrimitives.WriteInt64LittleEndian(dest[32..], offset);
    }

    /// <summary>The payload's hash: the expensive part, computed before the append lock is taken.</summary>
    internal static ulong PayloadHash(ReadOnlySpan<byte> payload) => Checksum.Of(payload, Seed);

    internal static ulong ComputeChecksum(ReadOnlySpan<byte> header40, ulong payloadHash)
    {
        Span<byte> h = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(h, payloadHash);
        return Checksum.Of(header40[..40], h, Seed);
    }

    /// <summary>Parses and verifies a record; returns null with a reason when it is not a valid record.</summary>
    internal static JournalRecord? TryDecode(ReadOnlySpan<byte> entry, long address, bool keepPayload, out string? error)
    {
        error = null;
        if (entry.Length < HeaderSize) { error = $"record at {address} is {entry.Length} bytes, shorter than a header"; return null; }
        if (BinaryPrimitives.ReadUInt16LittleEndian(entry) != Magic || entry[2] != Version)
        { error = $"record at {address} has a bad magic or version"; return null; }
        int length = BinaryPrimitives.ReadInt32LittleEndian(entry[4..]);
        if (length < 0 || HeaderSize + length != entry.Length)
        { error = $"record at {address} says {length} payload bytes but the entry holds {entry.Length - HeaderSize}"; return null; }
        var payload = entry.Slice(HeaderSize, length);
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(entry[40..]);
        if (stored != ComputeChecksum(entry, PayloadHash(payload))) { error = $"record at {address} fails its checksum"; return null; }
        var kind = (JournalRecordKind)entry[3];
        return new JournalRecord(
            address,
            BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]),
            kind,
            BinaryPrimitives.ReadUInt64LittleEndian(entry[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(entry[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(entry[32..]),
            length,
            keepPayload ? payload.ToArray() : ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>A record serialized straight into the log's page (no intermediate copy).</summary>
    internal readonly struct Entry : ILogEnqueueEntry
    {
        private readonly byte[] _header;
        private readonly ReadOnlyMemory<byte> _payload;

        internal Entry(JournalRecordKind kind, ulong sequence, ulong volume, ulong file, long offset, ReadOnlyMemory<byte> payload, ulong payloadHash)
        {
            _header = new byte[HeaderSize];
            _payload = payload;
            WriteHeader(_header, kind, payload.Length, sequence, volume, file, offset);
            BinaryPrimitives.WriteUInt64LittleEndian(_header.AsSpan(40), ComputeChecksum(_header, payloadHash));
        }

        public int SerializedLength => HeaderSize + _payload.Length;

        public void SerializeTo(Span<byte> dest)
        {
            _header.CopyTo(dest);
            _payload.Span.CopyTo(dest[HeaderSize..]);
        }
    }
}
