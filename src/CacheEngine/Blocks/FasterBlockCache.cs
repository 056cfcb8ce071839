using System.Collections.Concurrent;
using System.Threading.Channels;
using FASTER.core;
using GatewayFs.CacheEngine.Blocks;
using GatewayFs.CacheEngine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.CacheEngine;

using Session = ClientSession<SpanByte, SpanByte, BlockInput, BlockOutput, Empty, BlockFunctions>;

/// <summary>
/// <see cref="IBlockCache"/> on a FasterKV hybrid log over an O_DIRECT device (so cached bytes
/// live once, in the cache, not again in the kernel page cache). The log is bounded by shifting
/// its begin address (FIFO); a hit in the oldest part of the log copies the block back to the
/// tail (second chance), which keeps a hot set alive that plain FIFO would lose. Writes go
/// through a bounded queue to one writer, so callers never wait for the store.
/// </summary>
public sealed partial class FasterBlockCache : IBlockCache
{
    private readonly BlockCacheOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly DirectFileDevice _device;
    private readonly FasterKV<SpanByte, SpanByte> _store;
    private readonly BlockFunctions _functions = new();
    private readonly ConcurrentBag<Session> _sessions = new();
    private readonly Channel<PendingBlock> _queue;
    private readonly ConcurrentDictionary<(UInt128 Hash, long Index), PendingBlock> _pending = new();
    private readonly ConcurrentDictionary<UInt128, (long Generation, long Ticks)> _invalidated = new();
    private readonly Task _writer;
    private readonly int _recordSize;
    private long _generation;
    private long _enqueued, _processed;
    private long _hits, _misses, _writes, _dropped, _evictions, _evictedBytes, _corrupt, _secondChance, _readErrors;
    private int _disposed;

    private FasterBlockCache(BlockCacheOptions options, ILogger logger, string directory, DirectFileDevice device, FasterKV<SpanByte, SpanByte> store, bool warm)
    {
        _options = options;
        _logger = logger;
        _directory = directory;
        _device = device;
        _store = store;
        StartedWarm = warm;
        _recordSize = 8 + 4 + BlockCodec.KeySize + 4 + BlockCodec.HeaderSize + 64 + options.BlockSize;
        int slots = (int)Math.Max(2, options.WriteQueueBytes / options.BlockSize);
        _queue = Channel.CreateBounded<PendingBlock>(new BoundedChannelOptions(slots) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>True if this open reused the blocks of the previous (clean) run.</summary>
    public bool StartedWarm { get; }

    /// <inheritdoc />
    public int BlockSize => _options.BlockSize;

    /// <inheritdoc />
    public BlockCacheStats Stats => new(
        Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _writes),
        Interlocked.Read(ref _dropped), Interlocked.Read(ref _evictions), Interlocked.Read(ref _evictedBytes),
        Interlocked.Read(ref _corrupt), Interlocked.Read(ref _secondChance), Interlocked.Read(ref _readErrors),
        Math.Max(0, _store.Log.TailAddress - _store.Log.BeginAddress), _options.CapacityBytes, StartedWarm);

    /// <summary>The log's begin, head (start of the in-memory part) and tail addresses.</summary>
    internal (long Begin, long Head, long Tail) LogAddresses => (_store.Log.BeginAddress, _store.Log.HeadAddress, _store.Log.TailAddress);

    /// <summary>Disk reads issued by the store (for tests: a hit from disk is one read).</summary>
    internal long DeviceReads => _device.Reads;

    /// <summary>
    /// Opens the cache in options.Directory: warm if the last run closed cleanly with the same
    /// layout (see ARCHITECTURE.md), otherwise empty with the old files removed.
    /// </summary>
    public static Task<FasterBlockCache> OpenAsync(BlockCacheOptions options, ILogger? logger = null)
    {
        options.Validate();
        logger ??= NullLogger.Instance;
        string dir = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(dir);
        var layout = new CacheManifest(CacheManifest.CurrentFormat, options.BlockSize, options.EffectivePageSize, options.EffectiveSegmentSize, Clean: false, CheckpointToken: null);
        var previous = CacheManifest.TryRead(dir);
        bool warm = options.KeepAcrossRestarts && previous is { Clean: true, CheckpointToken: not null } && previous.SameLayout(layout);
        if (!warm)
        {
            if (previous is not null || Directory.EnumerateFileSystemEntries(dir).Any())
                logger.LogInformation("block cache {Dir}: starting cold ({Reason})", dir,
                    previous is null ? "no readable manifest" : !previous.Clean ? "previous run did not close cleanly" : "layout changed");
            Wipe(dir);
        }
        // Marked "not clean" before anything is served: a crash from here on means a cold start.
        layout.Write(dir);
        var (device, store) = CreateStore(options, dir);
        if (warm)
        {
            try
            {
                store.Recover(Guid.Parse(previous!.CheckpointToken!));
            }
            catch (Exception e) when (e is FasterException or IOException or FormatException or InvalidOperationException or ArgumentException)
            {
                logger.LogWarning(e, "block cache {Dir}: checkpoint could not be recovered, starting cold", dir);
                store.Dispose();
                device.Dispose();
                Wipe(dir);
                layout.Write(dir);
                (device, store) = CreateStore(options, dir);
                warm = false;
            }
        }
        return Task.FromResult(new FasterBlockCache(options, logger, dir, device, store, warm));
    }

    private static (DirectFileDevice, FasterKV<SpanByte, SpanByte>) CreateStore(BlockCacheOptions options, string dir)
    {
        var device = new DirectFileDevice(Path.Combine(dir, "cache.log"), durable: false, options.IoThreads) { InlineReads = true };
        long records = Math.Max(1024, options.CapacityBytes / options.BlockSize);
        var settings = new FasterKVSettings<SpanByte, SpanByte>
        {
            IndexSize = Math.Max(1L << 20, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)records * 16)),
            LogDevice = device,
            PageSize = options.EffectivePageSize,
            MemorySize = options.EffectiveMemory,
            SegmentSize = options.EffectiveSegmentSize,
            MutableFraction = 0.5,
            CheckpointDir = Path.Combine(dir, "checkpoints"),
            RemoveOutdatedCheckpoints = true,
            TryRecoverLatest = false,
            KeyLength = new HintedSpanByteLength(BlockCodec.KeySize),
            ValueLength = new HintedSpanByteLength(BlockCodec.HeaderSize + 64 + options.BlockSize),
            ReadCopyOptions = ReadCopyOptions.None,
        };
        try
        {
            return (device, new FasterKV<SpanByte, SpanByte>(settings));
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>Removes every file of a previous run (the directory belongs to the cache).</summary>
    private static void Wipe(string dir)
    {
        foreach (var sub in Directory.EnumerateDirectories(dir)) Directory.Delete(sub, recursive: true);
        foreach (var file in Directory.EnumerateFiles(dir)) File.Delete(file);
    }

    private Session RentSession() => _sessions.TryTake(out var s) ? s : _store.For(_functions).NewSession<BlockFunctions>();

    private void ReturnSession(Session session)
    {
        if (Volatile.Read(ref _disposed) == 0 && _sessions.Count < _options.Sessions) _sessions.Add(session);
        else session.Dispose();
    }
}
