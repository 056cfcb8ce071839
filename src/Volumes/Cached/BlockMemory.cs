using System.Numerics;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// The read path's memory tier: blocks loading or loaded, keyed by (object version, block).
/// Loads fill slabs of 1 to <see cref="MaxRunBlocks"/> consecutive blocks (one GET or cache
/// read each); readers copy straight out of them. Bounded by a byte budget: unpinned blocks
/// are evicted least recently used first, blocks a sequential reader has finished with before
/// all others (the kernel's page cache holds those now). Read-ahead gives up when the budget
/// is spent; a reader's own load never does (it may overshoot by what readers wait on).
/// One lock guards the map, the eviction list, pins and slab references.
/// </summary>
internal sealed class BlockMemory
{
    public const int MaxRunBlocks = 8;
    private static readonly int SizeClasses = BitOperations.Log2(MaxRunBlocks) + 1;

    private readonly object _lock = new();
    private readonly Dictionary<BlockKey, MemoryBlock> _map = new();
    private readonly LinkedList<MemoryBlock> _evictable = new(); // loaded and unpinned; First goes first
    private readonly Stack<byte[]>[] _free;
    private readonly int _blockSize;
    private readonly long _budget;
    private long _inUse, _pooled;

    public BlockMemory(int blockSize, long budgetBytes)
    {
        _blockSize = blockSize;
        _budget = Math.Max(budgetBytes, (long)blockSize * MaxRunBlocks);
        _free = new Stack<byte[]>[SizeClasses];
        for (int i = 0; i < _free.Length; i++) _free[i] = new Stack<byte[]>();
    }

    public int BlockSize => _blockSize;

    /// <summary>Blocks in memory (loading or loaded).</summary>
    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    /// <summary>Bytes of slabs in use plus free slabs kept for reuse.</summary>
    public long Bytes
    {
        get { lock (_lock) return _inUse + _pooled; }
    }

    public bool Contains(BlockKey key)
    {
        lock (_lock) return _map.ContainsKey(key);
    }

    /// <summary>Pins the block if it is in memory, loading or loaded; null otherwise.</summary>
    public MemoryBlock? Pin(BlockKey key)
    {
        lock (_lock)
        {
            if (!_map.TryGetValue(key, out var b)) return null;
            if (b.Pins++ == 0 && b.Node.List is not null) _evictable.Remove(b.Node);
            return b;
        }
    }

    /// <summary>
    /// Drops a pin. A loaded block nobody pins becomes evictable: first in line when
    /// <paramref name="consumed"/> (a sequential reader finished it), last otherwise.
    /// </summary>
    public void Unpin(MemoryBlock b, bool consumed = false)
    {
        lock (_lock)
        {
            if (--b.Pins > 0) return;
            if (!b.Detached && !b.IsLoaded)
            {
                // Only a load's own pin outlives loading; a block left unloaded is not servable.
                if (_map.TryGetValue(b.Key, out var current) && ReferenceEquals(current, b)) _map.Remove(b.Key);
                b.Detached = true;
            }
            if (b.Detached) Release(b.Slab);
            else if (consumed) _evictable.AddFirst(b.Node);
            else _evictable.AddLast(b.Node);
        }
    }

    /// <summary>
    /// Skips the blocks of [<paramref name="from"/>, <paramref name="end"/>) already in memory,
    /// then reserves up to <paramref name="max"/> consecutive absent ones as loading, sharing one
    /// slab, each pinned <paramref name="pins"/> times (the load's pin first). Null when nothing
    /// in the range is absent or, unless <paramref name="force"/>, the budget is spent.
    /// <paramref name="next"/> is the first block not looked at.
    /// </summary>
    public MemoryBlock[]? Reserve(BlockSource src, long from, long end, int max, bool prefetched, bool force, int pins, out long next)
    {
        lock (_lock)
        {
            long b = from;
            while (b < end && _map.ContainsKey(new BlockKey(src, b))) b++;
            int n = 0;
            while (n < max && n < MaxRunBlocks && b + n < end && !_map.ContainsKey(new BlockKey(src, b + n))) n++;
            next = b + n;
            if (n == 0) return null;
            int sizeClass = BitOperations.Log2((uint)BitOperations.RoundUpToPowerOf2((uint)n));
            if (!MakeRoom(sizeClass) && !force)
            {
                next = b;
                return null;
            }
            var slab = RentSlab(sizeClass);
            slab.Refs = n;
            var run = new MemoryBlock[n];
            for (int i = 0; i < n; i++)
            {
                var block = new MemoryBlock(new BlockKey(src, b + i), slab, i * _blockSize, prefetched) { Pins = pins };
                _map.Add(block.Key, block);
                run[i] = block;
            }
            return run;
        }
    }

    /// <summary>Takes blocks whose load failed out of memory (so the next reader loads them afresh) and fails their waiters.</summary>
    public void Abandon(IEnumerable<MemoryBlock> blocks, Exception error)
    {
        var failed = new List<MemoryBlock>();
        lock (_lock)
        {
            foreach (var b in blocks)
            {
                if (b.IsLoaded || b.Detached) continue;
                if (_map.TryGetValue(b.Key, out var current) && ReferenceEquals(current, b)) _map.Remove(b.Key);
                b.Detached = true;
                failed.Add(b);
            }
        }
        foreach (var b in failed) b.Fail(error);
    }

    private long SlabBytes(int sizeClass) => (long)_blockSize << sizeClass;

    /// <summary>True when a slab of the class fits the budget, after dropping free slabs and evicting blocks if need be.</summary>
    private bool MakeRoom(int sizeClass)
    {
        if (_free[sizeClass].Count > 0) return true;
        long want = SlabBytes(sizeClass);
        while (_inUse + _pooled + want > _budget)
        {
            if (_pooled > 0)
            {
                DropOneFree();
                continue;
            }
            if (_evictable.First is not { } victim) return false;
            Evict(victim.Value);
        }
        return true;
    }

    private void DropOneFree()
    {
        for (int c = _free.Length - 1; c >= 0; c--)
        {
            if (_free[c].TryPop(out _))
            {
                _pooled -= SlabBytes(c);
                return;
            }
        }
    }

    private void Evict(MemoryBlock b)
    {
        _evictable.Remove(b.Node);
        _map.Remove(b.Key);
        b.Detached = true;
        Release(b.Slab);
    }

    private Slab RentSlab(int sizeClass)
    {
        long bytes = SlabBytes(sizeClass);
        if (_free[sizeClass].TryPop(out var array)) _pooled -= bytes;
        else array = GC.AllocateUninitializedArray<byte>((int)bytes);
        _inUse += bytes;
        return new Slab(array, sizeClass);
    }

    private void Release(Slab slab)
    {
        if (--slab.Refs > 0) return;
        long bytes = SlabBytes(slab.SizeClass);
        _inUse -= bytes;
        if (_inUse + _pooled + bytes > _budget) return; // over budget (a forced load): let the GC have it
        _free[slab.SizeClass].Push(slab.Array);
        _pooled += bytes;
    }
}
