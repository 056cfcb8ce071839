using System.Runtime.CompilerServices;
using GatewayFs.CacheEngine;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// One object version as the read path sees it: key, ETag, size and its block-cache identity,
/// computed once per <see cref="RemoteObject"/> instance (not per read). Two sources are equal
/// when their identities are, so a refreshed but unchanged object shares blocks in memory.
/// </summary>
internal sealed class BlockSource : IEquatable<BlockSource>
{
    private static readonly ConditionalWeakTable<RemoteObject, BlockSource> Sources = new();

    private readonly int _hash;

    private BlockSource(RemoteObject obj)
    {
        Key = obj.Key;
        ETag = obj.ETag;
        Size = obj.Size;
        Identity = obj.Identity;
        Id = obj.BlockId();
        _hash = StringComparer.Ordinal.GetHashCode(Identity);
    }

    public static BlockSource Of(RemoteObject obj) => Sources.GetValue(obj, static o => new BlockSource(o));

    public string Key { get; }
    public string ETag { get; }
    public long Size { get; }
    public string Identity { get; }
    public BlockIdentity Id { get; }

    /// <summary>Bytes of block <paramref name="block"/> (the last one may be short).</summary>
    public int BlockLength(long block, int blockSize) => (int)Math.Clamp(Size - block * blockSize, 0, blockSize);

    /// <summary>Number of blocks of the object.</summary>
    public long BlockCount(int blockSize) => (Size + blockSize - 1) / blockSize;

    public bool Equals(BlockSource? other) => other is not null && (ReferenceEquals(this, other) || string.Equals(Identity, other.Identity, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as BlockSource);

    public override int GetHashCode() => _hash;
}
