namespace GatewayFs.Volumes.Cached;

/// <summary>Thread-safe counters behind <see cref="VolumeStatus"/>.</summary>
internal sealed class VolumeCounters
{
    private long _uploaded, _downloaded, _hits, _misses;
    private readonly object _errorLock = new();
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private volatile bool _reachable = true;
    private readonly RateMeter _uploadRate = new();

    public long CloudBytesUploaded => Interlocked.Read(ref _uploaded);
    public long CloudBytesDownloaded => Interlocked.Read(ref _downloaded);
    public long CacheHits => Interlocked.Read(ref _hits);
    public long CacheMisses => Interlocked.Read(ref _misses);
    public bool Reachable => _reachable;
    public double UploadBytesPerSecond => _uploadRate.PerSecond();

    public void Uploaded(long bytes)
    {
        Interlocked.Add(ref _uploaded, bytes);
        _uploadRate.Add(bytes);
    }

    public void Downloaded(long bytes) => Interlocked.Add(ref _downloaded, bytes);
    public void Hit() => Interlocked.Increment(ref _hits);
    public void Miss() => Interlocked.Increment(ref _misses);
    public void StoreAnswered() => _reachable = true;

    public void Error(string message, bool unreachable)
    {
        if (unreachable) _reachable = false;
        lock (_errorLock)
        {
            _lastError = message;
            _lastErrorAt = DateTimeOffset.UtcNow;
        }
    }

    public (string? Message, DateTimeOffset? At) LastError()
    {
        lock (_errorLock) return (_lastError, _lastErrorAt);
    }
}
