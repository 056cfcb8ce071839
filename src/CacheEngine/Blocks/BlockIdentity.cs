using System.IO.Hashing;
using System.Text;

namespace GatewayFs.CacheEngine;

/// <summary>
/// What a cached block belongs to: opaque bytes that must change whenever the object's content
/// does (for S3: key + ETag). Blocks of an old identity are simply never asked for again and age
/// out. The full bytes are stored with every block and compared on read, so two identities never
/// see each other's data even if their hashes collide. Create one per object version and reuse it.
/// </summary>
public sealed class BlockIdentity : IEquatable<BlockIdentity>
{
    /// <summary>Longest identity accepted (an S3 key is at most 1024 bytes, plus an ETag).</summary>
    public const int MaxLength = 2048;

    private readonly byte[] _bytes;

    private BlockIdentity(byte[] bytes)
    {
        if (bytes.Length == 0) throw new ArgumentException("a block identity must not be empty");
        if (bytes.Length > MaxLength) throw new ArgumentException($"a block identity is {bytes.Length} bytes, more than the {MaxLength} allowed");
        _bytes = bytes;
        Hash = XxHash128.HashToUInt128(bytes, 0x424C4F434B49444C);
    }

    /// <summary>Identity of one version of an S3 object: key and ETag.</summary>
    public static BlockIdentity ForObject(string key, string etag)
        => new(Encoding.UTF8.GetBytes(key + "\0" + etag));

    /// <summary>Identity from caller-chosen bytes (copied).</summary>
    public static BlockIdentity FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    /// <summary>Identity from a caller-chosen string (UTF-8).</summary>
    public static BlockIdentity FromString(string value) => new(Encoding.UTF8.GetBytes(value));

    /// <summary>The identity bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>128-bit hash used in the store's key.</summary>
    internal UInt128 Hash { get; }

    /// <inheritdoc />
    public bool Equals(BlockIdentity? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BlockIdentity);

    /// <inheritdoc />
    public override int GetHashCode() => Hash.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(_bytes).Replace('\0', '@');
}
