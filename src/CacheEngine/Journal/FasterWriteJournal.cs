using FASTER.core;
using GatewayFs.CacheEngine.Journal;
using GatewayFs.CacheEngine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.CacheEngine;

/// <summary>
/// <see cref="IWriteJournal"/> on a FasterLog in fast-commit mode with per-entry checksums,
/// over an O_DIRECT|O_DSYNC device, so a commit is one synchronous disk write of the log tail.
/// An in-memory index (rebuilt by replay) maps each file's dirty runs to the records holding
/// their newest bytes; retired records leave it and the log head is truncated past them.
/// </summary>
/// <remarks>Lock order: <c>_appendLock</c> before <c>_indexLock</c>; <c>_commitGate</c> is never held with another.</remarks>
public sealed partial class FasterWriteJournal : IWriteJournal
{
    private readonly JournalOptions _options;
    private readonly ILogger _logger;
    private readonly DirectFileDevice _device;
    private readonly FileCommitManager _commits;
    private readonly FasterLog _log;
    private readonly object _appendLock = new();
    private readonly object _indexLock = new();
    // Live records by identity (their original address, what callers see as Address) and by
    // where they physically are now; the two differ only for relocated records.
    private readonly SortedDictionary<long, JournalRecord> _live = new();
    private readonly SortedDictionary<long, long> _byPhysical = new();
    private readonly Dictionary<long, long> _relocated = new();
    private readonly Dictionary<(ulong Volume, ulong File), FileState> _files = new();
    private readonly Dictionary<long, long> _pins = new();
    private long _nextPin;
    private ulong _nextSequence = 1;
    private long _dirtyBytes;
    private long _appends, _commitCount, _fullWaits, _fullRejections, _relocations;
    private TaskCompletionSource _spaceFreed = NewSignal();
    private int _disposed;

    private FasterWriteJournal(JournalOptions options, ILogger logger, DirectFileDevice device, FileCommitManager commits, FasterLog log)
    {
        _options = options;
        _logger = logger;
        _device = device;
        _commits = commits;
        _log = log;
    }

    /// <summary>
    /// Opens (creating if needed) the journal in options.Directory and replays it: afterwards
    /// <see cref="GetPending()"/> returns every committed, unretired record in log order.
    /// Throws <see cref="JournalCorruptException"/> if committed data cannot be read back.
    /// </summary>
    public static async Task<FasterWriteJournal> OpenAsync(JournalOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        logger ??= NullLogger.Instance;
        string dir = Path.GetFullPath(options.Directory);
        Directory.CreateDirectory(dir);
        var device = new DirectFileDevice(Path.Combine(dir, "journal.log"), durable: true, options.IoThreads);
        var commits = new FileCommitManager(dir, options.MetadataInterval);
        bool hadCommits = commits.ListCommits().Any();
        bool fresh = !hadCommits && device.ExistingSegments().Count == 0;
        FasterLog? log = null;
        try
        {
            var settings = new FasterLogSettings
            {
                LogDevice = device,
                PageSize = options.EffectivePageSize,
                MemorySize = options.EffectiveMemory,
                SegmentSize = options.SegmentSizeBytes,
                LogCommitManager = commits,
                LogChecksum = LogChecksumType.PerEntry,
                FastCommitMode = true,
                AutoRefreshSafeTailAddress = false,
                TryRecoverLatest = true,
            };
            log = await FasterLog.CreateAsync(settings, cancellationToken).ConfigureAwait(false);
            // FasterLog treats unreadable commit metadata as "no commit" and starts empty; for a
            // journal of acknowledged writes that would be silent data loss.
            if (hadCommits && commits.LoadedCommits == 0)
                throw new JournalCorruptException($"the write-back journal in {dir} has commit files but none is readable: refusing to start empty; move the directory aside to start over");
            if (log.CommittedUntilAddress < commits.LoadedUntilAddress)
                throw new JournalCorruptException($"the write-back journal in {dir} recovered only up to {log.CommittedUntilAddress} but its metadata names {commits.LoadedUntilAddress}");
            var journal = new FasterWriteJournal(options, logger, device, commits, log);
            journal.Replay();
            if (fresh) await journal.WriteFirstCommitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("journal {Dir}: {Pending} pending records, {Dirty} dirty bytes, {Used} bytes used", dir, journal._live.Count, journal._dirtyBytes, journal.UsedBytes);
            return journal;
        }
        catch (Exception e) when (e is not JournalCorruptException and not OperationCanceledException)
        {
            log?.Dispose();
            device.Dispose();
            commits.Dispose();
            throw new JournalCorruptException($"cannot open the write-back journal in {dir}: {e.Message}", e);
        }
        catch
        {
            log?.Dispose();
            device.Dispose();
            commits.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int MaxPayloadBytes => _options.MaxPayloadBytes;

    /// <summary>Disk writes issued (for tests and benchmarks: one per commit round at best).</summary>
    internal long DeviceWrites => _device.Writes;

    /// <summary>Bytes written to disk, rewrites included.</summary>
    internal long DeviceBytesWritten => _device.BytesWritten;

    private long UsedBytes => Math.Max(0, _log.TailAddress - _log.BeginAddress);

    /// <inheritdoc />
    public JournalStats Stats
    {
        get
        {
            lock (_indexLock)
            {
                return new JournalStats(UsedBytes, _options.SizeLimitBytes, _dirtyBytes, _live.Count, _files.Count,
                    Interlocked.Read(ref _appends), Interlocked.Read(ref _commitCount),
                    Interlocked.Read(ref _fullWaits), Interlocked.Read(ref _fullRejections), Interlocked.Read(ref _relocations));
            }
        }
    }

    /// <summary>Where a live record's entry is now. Caller holds _indexLock.</summary>
    private long PhysicalOf(long identity) => _relocated.TryGetValue(identity, out long p) ? p : identity;

    private bool NeedsReclaim()
    {
        lock (_indexLock)
        {
            long first = _byPhysical.Count > 0 ? _byPhysical.First().Key : long.MaxValue;
            return Math.Min(first, _log.CommittedUntilAddress) > _log.BeginAddress && _pins.Count == 0;
        }
    }

    /// <summary>
    /// A fresh log has no commit metadata; recovery would have to guess where to scan from.
    /// Commit an empty marker and wait until the metadata file exists.
    /// </summary>
    private async Task WriteFirstCommitAsync(CancellationToken ct)
    {
        await AppendInternalAsync(RecordCodec.Retire, ReadOnlyMemory<byte>.Empty, ct).ConfigureAwait(false);
        await CommitAsync(ct).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Interlocked.Read(ref _commits.FilesWritten) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new IOException("the journal's first commit metadata was not written within 30 s");
            await Task.Delay(1, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            await CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or CommitFailureException or FasterException)
        {
            _logger.LogError(e, "journal: final commit on close failed; uncommitted records are lost, committed ones are safe");
        }
        // A relocation in flight finishes (or fails) before the log goes away under it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Volatile.Read(ref _relocating) != 0 && DateTime.UtcNow < deadline) await Task.Delay(5).ConfigureAwait(false);
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _spaceFreed.TrySetResult();
        _log.Dispose();
        _commits.Dispose();
        _device.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Per-file state under the index lock.</summary>
    private sealed class FileState
    {
        internal readonly FileExtents Extents = new();
        internal readonly SortedSet<long> Live = new();
    }
}
