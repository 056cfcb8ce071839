namespace GatewayFs.Volumes.Cached;

/// <summary>
/// A reader's sequential-read detector: reads near where the last one ended (the kernel sends
/// a sequential stream as several reads in flight, slightly out of order) double the window up
/// to the limit; any jump resets it, so random readers fetch only what they read.
/// </summary>
internal sealed class ReadAhead
{
    private long _nextOffset = -1;
    private long _window;

    /// <summary>Records a read and returns how many bytes past its end to prefetch.</summary>
    public long OnRead(long offset, int length, int blockSize, long maxWindow)
    {
        lock (this)
        {
            bool sequential = _nextOffset < 0 ? offset == 0 : Math.Abs(offset - _nextOffset) <= 4L * blockSize;
            _nextOffset = sequential ? Math.Max(_nextOffset, offset + length) : offset + length;
            if (!sequential || maxWindow <= 0)
            {
                _window = 0;
                return 0;
            }
            _window = _window == 0 ? 2L * blockSize : Math.Min(maxWindow, _window * 2);
            return _window;
        }
    }
}
