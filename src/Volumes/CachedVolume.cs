using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.Volumes;

/// <summary>
/// A cached volume: an S3 bucket (or prefix) as a read-write filesystem. The store holds one
/// object per file; the local cache directory holds hot blocks and the durable write-back
/// journal of changes not yet uploaded. See docs/SEMANTICS.md for what differs from POSIX.
/// </summary>
/// <remarks>
/// Split by operation into partial files. Lock order, outermost first: a file's
/// <c>FileState.Mutate</c> (async) → <c>lock (FileState)</c> → <see cref="NodeTable.Sync"/>;
/// the directory cache and metadata cache locks are leaves. No lock is held across store I/O.
/// </remarks>
public sealed partial class CachedVolume : IGatewayVolume, IFileSystem
{
    /// <summary>How long the kernel may keep attributes whose POSIX metadata is not yet known (listed, never HEADed).</summary>
    private static readonly TimeSpan ListedAttrTimeout = TimeSpan.FromSeconds(1);

    private const ulong VolumeId = 1;

    private readonly CachedVolumeOptions _opt;
    private readonly ObjectKeys _keys;
    private readonly ILogger _log;
    private readonly ILoggerFactory _loggers;
    private readonly VolumeCounters _counters = new();
    private readonly StoreGate _gate;
    private readonly NodeTable _nodes = new();
    private readonly DirectoryCache _dirs;
    private readonly MetadataCache _meta = new(200_000);
    private readonly HandleTable<FileHandle> _files = new();
    private readonly HandleTable<DirHandle> _dirHandles = new();
    private readonly FsTime _mountTime = FsTime.Now;
    private readonly CancellationTokenSource _stopping = new();

    // Cancels writes to the store (PUT, copy, multipart completion) that have started: a cut-off
    // write may still land and leave the key holding what the journal does not say (after a
    // restart, the replayed file's base would be wrong). Shutdown lets them end first, within
    // StartedWriteGrace.
    private readonly CancellationTokenSource _cutOffWrites = new();
    private static readonly TimeSpan StartedWriteGrace = TimeSpan.FromSeconds(15);
    private readonly BackgroundWork _background = new();
    private IWriteJournal? _journalOrNull;
    private IBlockCache? _cacheOrNull;
    private BlockReader? _blocksOrNull;
    private UploadQueue? _uploadsOrNull;
    private long _fileIdSeed;
    private int _started;

    private CachedVolume(CachedVolumeOptions options, ILoggerFactory loggers)
    {
        _opt = options;
        _loggers = loggers;
        _log = loggers.CreateLogger<CachedVolume>();
        _keys = new ObjectKeys(options.NormalizedPrefix, options.Store.Capabilities.MaxKeySegmentBytes);
        _gate = new StoreGate(options.Store, _counters, _log);
        _dirs = new DirectoryCache(options.MetadataTtl, 4096);
        _fileIdSeed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16;
        Info = new FsInfo
        {
            Name = options.DisplayName ?? "gatewayfs:" + options.Store.Description,
            Subtype = "gatewayfs",
            ReadOnly = options.ReadOnly,
            NameMax = _keys.NameMaxForStore,
            MaxIoSize = 1 << 20,
        };
    }

    /// <summary>
    /// Builds a cached volume from its options (validated here; throws <see cref="ArgumentException"/>
    /// with a one-line reason). Nothing is opened until <see cref="StartAsync"/>.
    /// </summary>
    public static CachedVolume Create(CachedVolumeOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new CachedVolume(options, loggers ?? NullLoggerFactory.Instance);
    }

    /// <inheritdoc />
    public FsInfo Info { get; }

    /// <inheritdoc />
    public IFileSystem FileSystem => this;

    /// <summary>The options this volume runs with.</summary>
    public CachedVolumeOptions Options => _opt;

    private IWriteJournal Journal => _journalOrNull ?? throw NotStarted();
    private BlockReader Blocks => _blocksOrNull ?? throw NotStarted();
    private UploadQueue Uploads => _uploadsOrNull ?? throw NotStarted();

    private static FsException NotStarted() => new(FsError.Io, "the cached volume is not started: call StartAsync first");

    private static long Now => Environment.TickCount64;

    private void EnsureWritable()
    {
        if (_opt.ReadOnly) throw new FsException(FsError.ReadOnly, "the volume is mounted read-only");
    }

    private ulong NewFileId() => (ulong)Interlocked.Increment(ref _fileIdSeed);

    private static FsException NotDirectory(Node n) => new(FsError.NotDirectory, $"'{n.Path}' is not a directory");

    private Node Dir(ulong ino)
    {
        var n = _nodes.Get(ino);
        return n.Kind == NodeKind.Directory ? n : throw NotDirectory(n);
    }
}
