namespace GatewayFs.CacheEngine;

/// <summary>
/// A run of a file's bytes whose newest copy is in the journal: file offset and length, and
/// the Write record (by address) that holds them.
/// </summary>
public readonly record struct DirtyExtent(long Offset, long Length, long RecordAddress)
{
    /// <summary>End offset (exclusive).</summary>
    public long End => Offset + Length;
}
