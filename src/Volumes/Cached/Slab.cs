namespace GatewayFs.Volumes.Cached;

/// <summary>
/// A pooled array that one load (a ranged GET or a cache read) fills with consecutive blocks;
/// each block in memory is a view of it. Returned to the pool when its last block is gone.
/// <see cref="Refs"/> is guarded by the owning <see cref="BlockMemory"/>'s lock.
/// </summary>
internal sealed class Slab
{
    public Slab(byte[] array, int sizeClass)
    {
        Array = array;
        SizeClass = sizeClass;
    }

    public byte[] Array { get; }

    /// <summary>log2 of the slab's length in blocks (its pool bucket).</summary>
    public int SizeClass { get; }

    public int Refs;
}
