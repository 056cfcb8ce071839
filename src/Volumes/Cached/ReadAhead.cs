namespace GatewayFs.Volumes.Cached;

/// <summary>
/// One open file's sequential-read detector and read-ahead window. A read near where the last
/// one ended (the kernel sends a stream as several reads in flight, slightly out of order)
/// doubles the window up to the limit; any jump resets it, so a random reader loads only what
/// it reads. Read-ahead keeps the blocks of [read end, read end + window) loading or loaded.
/// </summary>
internal sealed class ReadAhead
{
    private readonly object _lock = new();
    private long _next = -1;
    private long _window;
    private long _issued;
    private long _endBlock;
    private BlockSource? _source;
    private bool _closed;
    private int _randomReads;

    /// <summary>Reads so far that did not continue a stream.</summary>
    public int RandomReads => Volatile.Read(ref _randomReads);

    /// <summary>Records a read (at its start); true when it continues a sequential stream.</summary>
    public bool OnRead(BlockSource source, long offset, int length, int blockSize, long maxWindow, long limit)
    {
        lock (_lock)
        {
            if (!source.Equals(_source))
            {
                _source = source;
                _issued = 0;
            }
            _endBlock = (Math.Min(limit, source.Size) + blockSize - 1) / blockSize;
            long end = offset + length;
            bool sequential = _next < 0 ? offset == 0 : Math.Abs(offset - _next) <= 4L * blockSize;
            if (!sequential || maxWindow <= 0)
            {
                if (!sequential) _randomReads++;
                _next = end;
                _window = 0;
                _issued = 0;
                return false;
            }
            _next = Math.Max(_next, end);
            _window = _window == 0 ? 2L * blockSize : Math.Min(maxWindow, _window * 2);
            return true;
        }
    }

    /// <summary>
    /// The blocks read-ahead should look at next, [<paramref name="from"/>, <paramref name="end"/>),
    /// and how many to load with one GET; false when the window is covered or read-ahead is off.
    /// </summary>
    public bool Wanted(int blockSize, out BlockSource source, out long from, out long end, out int run)
    {
        lock (_lock)
        {
            source = _source!;
            from = Math.Max(_issued, Math.Max(0, _next) / blockSize);
            end = Math.Min(_endBlock, (_next + _window + blockSize - 1) / blockSize);
            // GET ranges grow with the window: half of it (so two are in flight), at most a slab.
            run = (int)Math.Clamp(_window / 2 / blockSize, 1, BlockMemory.MaxRunBlocks);
            // Wait until a whole run fits, so that a window sliding block by block still GETs whole runs.
            return !_closed && _window > 0 && _source is not null && from < end && (end - from >= run || end == _endBlock);
        }
    }

    /// <summary>Read-ahead has looked at every block before <paramref name="next"/>.</summary>
    public void Issued(BlockSource source, long next)
    {
        lock (_lock)
        {
            if (source.Equals(_source)) _issued = Math.Max(_issued, next);
        }
    }

    /// <summary>The handle is released: no more read-ahead for it.</summary>
    public void Close()
    {
        lock (_lock) _closed = true;
    }
}
