using System.Collections.Concurrent;
using GatewayFs.ObjectStore;

namespace GatewayFs.TestKit.S3;

/// <summary>
/// A store in front of a real one that counts calls by operation, can be switched to fail (as
/// if unreachable) or hang (a blackhole: calls wait until cancelled), and can refuse keys the
/// server behind it cannot hold (see <see cref="S3rverKeyLimit"/>).
/// </summary>
public sealed class InstrumentedStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public InstrumentedStore(IObjectStore inner, int maxKeyComponentBytes = int.MaxValue)
    {
        _inner = inner;
        _maxComponent = maxKeyComponentBytes;
        if (maxKeyComponentBytes < inner.Capabilities.MaxKeySegmentBytes) inner.Capabilities.MaxKeySegmentBytes = maxKeyComponentBytes;
    }

    /// <summary>
    /// s3rver stores each key as files named after its last component plus a suffix (the longest,
    /// "._S3rver_metadata.json", is 22 bytes); a longer component makes it answer 500 or kill its
    /// process (ENAMETOOLONG from the filesystem).
    /// </summary>
    public const int S3rverKeyLimit = 255 - 22;

    private readonly int _maxComponent;

    public enum Fault { None, Fail, Hang }

    public volatile Fault Mode;

    public int Count(string op) => _counts.GetValueOrDefault(op);

    public void ResetCounts()
    {
        _counts.Clear();
        _ranges.Clear();
        Interlocked.Exchange(ref _maxGetsInFlight, 0);
    }

    private readonly ConcurrentQueue<(string Key, long Offset, int Length)> _ranges = new();
    private int _getsInFlight, _maxGetsInFlight;

    /// <summary>Ranged GETs (key, offset, requested length) in the order they were issued.</summary>
    public IReadOnlyList<(string Key, long Offset, int Length)> Ranges => _ranges.ToList();

    /// <summary>Most ranged GETs that were running at the same time.</summary>
    public int MaxGetsInFlight => Volatile.Read(ref _maxGetsInFlight);

    /// <summary>Added to every ranged GET (so that overlapping GETs overlap for sure).</summary>
    public TimeSpan GetDelay { get; set; }

    public string Description => _inner.Description;
    public ObjectStoreCapabilities Capabilities => _inner.Capabilities;

    private async Task Gate(string op, CancellationToken ct, string? key = null)
    {
        _counts.AddOrUpdate(op, 1, (_, n) => n + 1);
        if (key is not null && TooLong(key))
            throw new ObjectStoreException(ObjectStoreError.InvalidRequest, $"{op}: the test server cannot hold a key component over {_maxComponent} bytes");
        switch (Mode)
        {
            case Fault.Fail:
                throw new ObjectStoreException(ObjectStoreError.Unreachable, $"{op}: test store is down");
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, ct);
                break;
        }
    }

    private bool TooLong(string key) => key.Split('/').Any(c => System.Text.Encoding.UTF8.GetByteCount(c) > _maxComponent);

    public async Task CheckAsync(CancellationToken ct) { await Gate("Check", ct); await _inner.CheckAsync(ct); }
    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken ct) { await Gate("Head", ct); return TooLong(key) ? null : await _inner.HeadAsync(key, ct); }
    public async Task<int> GetRangeAsync(string key, long offset, Memory<byte> destination, string? ifMatchETag, CancellationToken ct)
    {
        await Gate("Get", ct, key);
        _ranges.Enqueue((key, offset, destination.Length));
        int running = Interlocked.Increment(ref _getsInFlight);
        try
        {
            int max;
            while (running > (max = Volatile.Read(ref _maxGetsInFlight)) && Interlocked.CompareExchange(ref _maxGetsInFlight, running, max) != max) { }
            if (GetDelay > TimeSpan.Zero) await Task.Delay(GetDelay, ct);
            return await _inner.GetRangeAsync(key, offset, destination, ifMatchETag, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _getsInFlight);
        }
    }
    public async Task<ObjectReadStream> OpenReadAsync(string key, long offset, string? ifMatchETag, CancellationToken ct) { await Gate("Get", ct); return await _inner.OpenReadAsync(key, offset, ifMatchETag, ct); }

    /// <summary>
    /// Awaited after a PUT has landed in the store and before it is answered (with the PUT's
    /// token): a test can hold a write that is done but not yet acknowledged, to order other
    /// operations against it or to cut it off.
    /// </summary>
    public Func<string, CancellationToken, Task>? AfterPut { get; set; }

    public async Task<ObjectInfo> PutAsync(string key, ReadOnlyMemory<byte> content, ObjectMetadata metadata, CancellationToken ct)
    {
        await Gate("Put", ct, key);
        var info = await _inner.PutAsync(key, content, metadata, ct);
        if (AfterPut is { } after) await after(key, ct);
        return info;
    }

    public async Task<ObjectInfo> PutAsync(string key, Stream content, long length, ObjectMetadata metadata, CancellationToken ct)
    {
        await Gate("Put", ct, key);
        var info = await _inner.PutAsync(key, content, length, metadata, ct);
        if (AfterPut is { } after) await after(key, ct);
        return info;
    }

    public async Task<string> CreateMultipartAsync(string key, ObjectMetadata metadata, CancellationToken ct) { await Gate("CreateMultipart", ct, key); return await _inner.CreateMultipartAsync(key, metadata, ct); }
    public async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> content, CancellationToken ct) { await Gate("UploadPart", ct); return await _inner.UploadPartAsync(key, uploadId, partNumber, content, ct); }
    public async Task<string> UploadPartCopyAsync(string key, string uploadId, int partNumber, string sourceKey, long sourceOffset, long length, string? sourceETag, CancellationToken ct) { await Gate("UploadPartCopy", ct); return await _inner.UploadPartCopyAsync(key, uploadId, partNumber, sourceKey, sourceOffset, length, sourceETag, ct); }
    public async Task<ObjectInfo> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken ct) { await Gate("CompleteMultipart", ct); return await _inner.CompleteMultipartAsync(key, uploadId, parts, ct); }
    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken ct) { await Gate("AbortMultipart", ct); await _inner.AbortMultipartAsync(key, uploadId, ct); }
    public async Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, ObjectMetadata metadata, string? sourceETag, CancellationToken ct) { await Gate("Copy", ct, destinationKey); return await _inner.CopyAsync(sourceKey, destinationKey, metadata, sourceETag, ct); }
    public async Task DeleteAsync(string key, CancellationToken ct) { await Gate("Delete", ct); if (!TooLong(key)) await _inner.DeleteAsync(key, ct); }
    public async Task<ListPage> ListAsync(string prefix, string? delimiter, string? continuationToken, int maxKeys, CancellationToken ct) { await Gate("List", ct); return await _inner.ListAsync(prefix, delimiter, continuationToken, maxKeys, ct); }
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
