using System.Buffers.Binary;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>Self-describing payloads: the first 8 bytes are a tag, the rest follows from (tag, length).</summary>
public static class CrashContent
{
    public static byte[] Make(long tag, int length)
    {
        var b = new byte[length];
        BinaryPrimitives.WriteInt64LittleEndian(b, tag);
        new Random((int)(tag ^ (tag >> 32)) ^ length).NextBytes(b.AsSpan(8));
        return b;
    }

    /// <summary>True if the bytes are exactly what Make(tag, length) gives for the tag they carry.</summary>
    public static bool IsWhole(ReadOnlySpan<byte> bytes, out long tag)
    {
        tag = bytes.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : -1;
        return bytes.Length >= 8 && bytes.SequenceEqual(Make(tag, bytes.Length));
    }
}
