using System.Collections.Concurrent;
using System.Globalization;
using FASTER.core;

namespace GatewayFs.CacheEngine.Storage;

/// <summary>
/// A FASTER device over segment files opened with O_DIRECT, and with O_DSYNC when writes
/// must be durable on completion (the journal). The stock Linux device goes through the
/// page cache (so the data is cached twice and "disk" reads are memory reads) and never
/// syncs files or directories; this one does I/O on its own threads, fsyncs the directory
/// when a segment file is created (durable mode), and fsyncs every segment on dispose.
/// </summary>
/// <remarks>Lock order: <c>handles</c> entries are created under their Lazy; no other locks.</remarks>
internal sealed class DirectFileDevice : StorageDeviceBase
{
    /// <summary>Every I/O is a multiple of this and starts at a multiple of it (O_DIRECT).</summary>
    internal const uint Sector = 4096;

    private readonly bool _durable;
    private readonly string _directory;
    private readonly ConcurrentDictionary<int, Lazy<int>> _handles = new();
    // Reads and writes have their own queues and threads: a read must not wait behind a page
    // flush (FASTER writes whole pages, tens of MiB) to be issued.
    private readonly BlockingCollection<IoRequest> _readQueue = new();
    private readonly BlockingCollection<IoRequest> _writeQueue = new();
    private readonly Thread[] _workers;
    private int _disposed;
    private long _reads, _writes, _bytesWritten;

    /// <summary>Read requests executed (for tests and benchmarks).</summary>
    internal long Reads => Interlocked.Read(ref _reads);

    /// <summary>Write requests executed.</summary>
    internal long Writes => Interlocked.Read(ref _writes);

    /// <summary>Bytes written (sector-rounded, rewrites counted again).</summary>
    internal long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <param name="baseFileName">Segment files are named baseFileName.N.</param>
    /// <param name="durable">Open with O_DSYNC and fsync the directory on segment creation.</param>
    /// <param name="ioThreads">Threads that issue blocking preads, and as many for pwrites.</param>
    public DirectFileDevice(string baseFileName, bool durable, int ioThreads = 4)
        : base(Path.GetFullPath(baseFileName), Sector, -1)
    {
        _durable = durable;
        _directory = Path.GetDirectoryName(FileName)!;
        Directory.CreateDirectory(_directory);
        RecoverSegmentRange();
        int readers = Math.Max(1, ioThreads), writers = readers;
        _workers = new Thread[readers + writers];
        for (int i = 0; i < _workers.Length; i++)
        {
            var queue = i < readers ? _readQueue : _writeQueue;
            _workers[i] = new Thread(() => Work(queue)) { IsBackground = true, Name = $"gatewayfs-io-{Path.GetFileName(FileName)}-{(i < readers ? "r" : "w")}{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Segment ids present on disk, oldest first.</summary>
    internal IReadOnlyList<int> ExistingSegments()
    {
        var ids = new List<int>();
        string prefix = Path.GetFileName(FileName) + ".";
        foreach (var path in Directory.EnumerateFiles(_directory, prefix + "*"))
        {
            string suffix = Path.GetFileName(path)[prefix.Length..];
            if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out int id)) ids.Add(id);
        }
        ids.Sort();
        return ids;
    }

    private void RecoverSegmentRange()
    {
        var ids = ExistingSegments();
        if (ids.Count == 0) return;
        startSegment = ids[0];
        endSegment = ids[^1];
    }

    private string SegmentPath(int segmentId) => FileName + "." + segmentId.ToString(CultureInfo.InvariantCulture);

    private int Handle(int segmentId, bool create)
    {
        if (_handles.TryGetValue(segmentId, out var existing)) return existing.Value;
        string path = SegmentPath(segmentId);
        if (!create && !File.Exists(path)) return -1;
        var lazy = _handles.GetOrAdd(segmentId, id => new Lazy<int>(() => OpenSegment(path), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    private int OpenSegment(string path)
    {
        bool existed = File.Exists(path);
        int flags = NativeFile.ORdWr | NativeFile.OCreat | NativeFile.ODirect | (_durable ? NativeFile.ODSync : 0);
        int fd = NativeFile.Open(path, flags);
        if (!existed && _durable) NativeFile.FSyncDirectory(_directory);
        return fd;
    }

    /// <summary>
    /// Reads run on the caller's thread (the callback too): a cache hit from disk then costs one
    /// pread and no thread hops, which on a loaded 2-core machine is most of the latency. The
    /// price is that the caller holds FASTER's epoch for the duration of one read.
    /// </summary>
    public bool InlineReads { get; init; }

    /// <inheritdoc />
    public override void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context)
    {
        var request = new IoRequest(false, segmentId, (long)sourceAddress, destinationAddress, readLength, callback, context);
        if (InlineReads && Volatile.Read(ref _disposed) == 0) Run(request);
        else Enqueue(request);
    }

    /// <inheritdoc />
    public override void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
    {
        Enqueue(new IoRequest(true, segmentId, (long)destinationAddress, sourceAddress, numBytesToWrite, callback, context));
    }

    private void Enqueue(IoRequest request)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            request.Callback(ErrorCodeDisposed, 0, request.Context);
            return;
        }
        (request.IsWrite ? _writeQueue : _readQueue).Add(request);
    }

    private const uint ErrorCodeDisposed = 5; // EIO

    private void Work(BlockingCollection<IoRequest> queue)
    {
        foreach (var request in queue.GetConsumingEnumerable()) Run(request);
    }

    private void Run(IoRequest request)
    {
        uint error = 0;
        uint done = 0;
        // Any failure (EIO, a vanished segment) goes back to FASTER as an I/O error code.
        try { done = Execute(request, out error); }
        catch (IOException) { error = 5; }
        catch (UnauthorizedAccessException) { error = 13; }
        request.Callback(error, done, request.Context);
    }

    private unsafe uint Execute(IoRequest r, out uint error)
    {
        error = 0;
        byte* buffer = (byte*)r.Buffer;
        if (r.IsWrite)
        {
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _bytesWritten, r.Length);
            int fd = Handle(r.SegmentId, create: true);
            long n = NativeFile.WriteFully(fd, buffer, r.Length, r.Offset);
            if (n < 0) { error = (uint)-n; return 0; }
            return r.Length;
        }
        Interlocked.Increment(ref _reads);
        int rfd = Handle(r.SegmentId, create: false);
        long read = rfd < 0 ? 0 : NativeFile.ReadFully(rfd, buffer, r.Length, r.Offset);
        if (read < 0) { error = (uint)-read; return 0; }
        // Past the end of a segment (or a segment never written) reads as zeros: FASTER takes
        // a zero header as "no record here", which is what such a region holds.
        if (read < r.Length) new Span<byte>(buffer + read, (int)(r.Length - read)).Clear();
        return r.Length;
    }

    /// <inheritdoc />
    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        RemoveSegment(segment);
        callback(result);
    }

    /// <inheritdoc />
    public override void RemoveSegment(int segment)
    {
        if (_handles.TryRemove(segment, out var lazy) && lazy.IsValueCreated) NativeFile.Close(lazy.Value);
        File.Delete(SegmentPath(segment));
    }

    /// <summary>fsyncs every open segment (data and size), for a clean shutdown of a non-durable log.</summary>
    internal void SyncAll()
    {
        foreach (var (id, lazy) in _handles)
            if (lazy.IsValueCreated) NativeFile.FSync(lazy.Value, SegmentPath(id));
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _readQueue.CompleteAdding();
        _writeQueue.CompleteAdding();
        foreach (var t in _workers) t.Join();
        _readQueue.Dispose();
        _writeQueue.Dispose();
        foreach (var (id, lazy) in _handles)
        {
            if (!lazy.IsValueCreated) continue;
            if (!_durable) NativeFile.FSync(lazy.Value, SegmentPath(id));
            NativeFile.Close(lazy.Value);
        }
        _handles.Clear();
    }

    private sealed record IoRequest(bool IsWrite, int SegmentId, long Offset, IntPtr Buffer, uint Length, DeviceIOCompletionCallback Callback, object Context);
}
