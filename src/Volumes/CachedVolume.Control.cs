using GatewayFs.CacheEngine;
using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    private const int StatusPendingLimit = 100;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("the cached volume was already started");
        using (var check = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            check.CancelAfter(_opt.StoreOpTimeout);
            try
            {
                await _opt.Store.CheckAsync(check.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new IOException($"{_opt.Store.Description} did not answer within {_opt.StoreOpTimeout.TotalSeconds:0} s: check the endpoint and the network");
            }
        }
        Directory.CreateDirectory(_opt.CacheDirectory);
        _journalOrNull = await FasterWriteJournal.OpenAsync(CacheSettings.Journal(_opt), _loggers.CreateLogger<FasterWriteJournal>(), ct).ConfigureAwait(false);
        try
        {
            _cacheOrNull = await FasterBlockCache.OpenAsync(CacheSettings.Blocks(_opt), _loggers.CreateLogger<FasterBlockCache>()).ConfigureAwait(false);
            _blocksOrNull = new BlockReader(_cacheOrNull, _gate, _counters, _opt, _log);
            _uploadsOrNull = new UploadQueue(_opt.UploadConcurrency, RunUploadAsync, _log);
            Replay();
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(IProgress<FlushProgress>? progress, CancellationToken ct)
    {
        var targets = DirtyFiles().Select(f => (File: f, Target: f.Changes)).ToList();
        foreach (var (f, _) in targets) Uploads.Schedule(f, Now);
        long uploadedAtStart = _counters.CloudBytesUploaded;
        while (true)
        {
            var left = targets.Where(t => !t.File.Discarded && t.File.IsDirty && t.File.UploadedChanges < t.Target).ToList();
            long bytesLeft = left.Sum(t => DirtyBytesOf(t.File));
            progress?.Report(new FlushProgress(bytesLeft, left.Count, _counters.CloudBytesUploaded - uploadedAtStart, _counters.UploadBytesPerSecond));
            if (left.Count == 0) return;
            try
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var (err, _) = _counters.LastError();
                throw new OperationCanceledException(
                    $"flush stopped with {left.Count} files ({bytesLeft} bytes) not yet in {_opt.Store.Description}; they stay in the journal" +
                    (err is null ? "" : $"; last error: {err}"), ct);
            }
        }
    }

    /// <inheritdoc />
    public VolumeStatus GetStatus()
    {
        var js = _journalOrNull?.Stats;
        var cs = _cacheOrNull?.Stats;
        var dirty = DirtyFiles();
        var (err, at) = _counters.LastError();
        long now = Now;
        var pending = dirty.Take(StatusPendingLimit).Select(f =>
        {
            lock (f)
                return new PendingUpload(f.Node.Path, f.Size, f.Upload is not null, f.Node.WriteHandles > 0, f.Attempts, f.LastError,
                    f.DueAt == 0 ? null : TimeSpan.FromMilliseconds(Math.Max(0, f.DueAt - now)));
        }).ToList();
        return new VolumeStatus
        {
            Kind = "cached",
            Target = _opt.Store.Description + (_keys.Prefix.Length > 0 ? " prefix " + _keys.Prefix : ""),
            DirtyBytes = js?.DirtyBytes ?? 0,
            DirtyFiles = dirty.Count,
            JournalSizeBytes = _opt.JournalSizeBytes,
            CacheUsedBytes = cs?.UsedBytes ?? 0,
            CacheSizeBytes = _opt.CacheSizeBytes,
            CacheHits = _counters.CacheHits,
            CacheMisses = _counters.CacheMisses,
            UploadQueueLength = dirty.Count,
            UploadBytesPerSecond = _counters.UploadBytesPerSecond,
            CloudBytesUploaded = _counters.CloudBytesUploaded,
            CloudBytesDownloaded = _counters.CloudBytesDownloaded,
            StoreReachable = _counters.Reachable,
            LastError = err,
            LastErrorAt = at,
            Pending = pending,
        };
    }

    /// <summary>Stops uploads and closes local state. Does not flush: call <see cref="FlushAsync(IProgress{FlushProgress}, CancellationToken)"/> first to upload everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _cutOffWrites.CancelAfter(StartedWriteGrace);
        if (_uploadsOrNull is { } uploads) await uploads.DisposeAsync().ConfigureAwait(false);
        if (_blocksOrNull is { } blocks && !await blocks.StopAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully).ConfigureAwait(false))
            _log.LogWarning("block loads still running after 30 s; closing anyway");
        if (_journalOrNull is { } journal)
        {
            try
            {
                await journal.CommitAsync().ConfigureAwait(false);
            }
            finally
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }
        if (_cacheOrNull is { } cache)
        {
            // Fetches and caching still running would write into a closing cache.
            if (!await _background.DrainAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
                _log.LogWarning("background reads and cache writes did not finish within 30 s; closing the block cache anyway");
            try
            {
                // The cache holds only clean copies: a close that does not finish must not hold up
                // an unmount (the journal is already closed); the next start is then cold.
                await cache.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _log.LogError("the block cache in {Dir} did not close within 30 s; it is abandoned and the next start begins with it cold", CacheSettings.BlocksDirectory(_opt));
            }
        }
    }

    private List<FileState> DirtyFiles() =>
        _nodes.WithFileState().Select(n => n.File).OfType<FileState>().Where(f => f.IsDirty && !f.Discarded)
            .OrderBy(f => f.LastAddress).ToList();

    private long DirtyBytesOf(FileState f) =>
        Journal.GetDirtyExtents(VolumeId, f.FileId, 0, long.MaxValue).Sum(e => e.Length);

    /// <summary>
    /// Rebuilds dirty files from the journal after a restart or crash: each file's newest
    /// snapshot plus the writes and truncates after it; discarded files are retired. Every
    /// rebuilt file is due for upload at once.
    /// </summary>
    private void Replay()
    {
        var files = new Dictionary<ulong, ReplayedFile>();
        foreach (var rec in Journal.GetPending())
        {
            if (rec.VolumeId != VolumeId)
            {
                _log.LogWarning("journal record of unknown volume {Volume} ignored", rec.VolumeId);
                continue;
            }
            if (!files.TryGetValue(rec.FileId, out var r)) files[rec.FileId] = r = new ReplayedFile();
            r.Apply(rec);
            _fileIdSeed = Math.Max(_fileIdSeed, (long)rec.FileId);
        }
        int resumed = 0;
        foreach (var (fileId, r) in files.OrderBy(kv => kv.Value.LastAddress))
        {
            if (r.Snapshot is not { } s || r.Discarded || r.IsClean(Journal, VolumeId, fileId))
            {
                Journal.RetireFile(VolumeId, fileId, long.MaxValue);
                continue;
            }
            var n = _nodes.GetOrAdd(s.Path, NodeKind.File);
            if (n.File is { } older)
            {
                _log.LogWarning("journal holds two files for {Path}; keeping the newer", s.Path);
                Journal.RetireFile(VolumeId, older.FileId, long.MaxValue);
            }
            var f = new FileState(n, fileId, r.Current(FsTime.Now)) { LastAddress = r.LastAddress, Changes = 1 };
            f.UnconfirmedUploads.AddRange(r.UploadTokens);
            lock (_nodes.Sync) n.File = f;
            Uploads.Schedule(f, Now);
            resumed++;
        }
        if (resumed > 0)
            _log.LogInformation("journal replayed: {Files} files with changes not yet in {Store} will be uploaded", resumed, _opt.Store.Description);
    }
}
