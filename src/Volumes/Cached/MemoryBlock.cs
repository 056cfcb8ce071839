namespace GatewayFs.Volumes.Cached;

/// <summary>
/// A block in the read path's memory: loading (its load holds a pin) or loaded. Readers pin it
/// while they wait or copy; an unpinned loaded block can be evicted. A failed block leaves the
/// memory at once (<see cref="Detached"/>), so the next reader loads it afresh.
/// </summary>
internal sealed class MemoryBlock
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MemoryBlock(BlockKey key, Slab slab, int offset, bool prefetched)
    {
        Key = key;
        Slab = slab;
        Offset = offset;
        Prefetched = prefetched;
        Node = new LinkedListNode<MemoryBlock>(this);
    }

    public BlockKey Key { get; }
    public Slab Slab { get; }

    /// <summary>Where the block starts in <see cref="Slab"/>.</summary>
    public int Offset { get; }

    /// <summary>Loaded by read-ahead rather than for a reader waiting on it.</summary>
    public bool Prefetched { get; }

    /// <summary>Bytes of the block; valid once <see cref="Ready"/> succeeded.</summary>
    public int Length { get; private set; }

    /// <summary>Completes when the block is loaded, or fails with the load's error.</summary>
    public Task Ready => _ready.Task;

    public bool IsLoaded => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The slab space the load fills (a whole block, even for a short last block).</summary>
    public Memory<byte> Space(int blockSize) => Slab.Array.AsMemory(Offset, blockSize);

    public ReadOnlySpan<byte> Bytes => Slab.Array.AsSpan(Offset, Length);

    // Guarded by the owning BlockMemory's lock.
    internal int Pins;
    internal bool Detached;
    internal readonly LinkedListNode<MemoryBlock> Node;

    /// <summary>Loaded by a GET (a reader that waited for it missed the cache).</summary>
    public bool FromStore { get; private set; }

    public void Complete(int length, bool fromStore)
    {
        Length = length;
        FromStore = fromStore;
        _ready.TrySetResult();
    }

    public void Fail(Exception e)
    {
        if (_ready.TrySetException(e)) _ = _ready.Task.Exception; // observed: readers get it by awaiting
    }
}
