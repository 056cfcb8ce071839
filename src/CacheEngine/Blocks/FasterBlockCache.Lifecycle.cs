using FASTER.core;
using GatewayFs.CacheEngine.Blocks;
using GatewayFs.CacheEngine.Storage;
using Microsoft.Extensions.Logging;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterBlockCache
{
    /// <summary>
    /// Clean close: drains the write queue, checkpoints the store, syncs its files and marks the
    /// manifest clean so the next open is warm (when KeepAcrossRestarts is on).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_options.KeepAcrossRestarts)
        {
            try
            {
                var (ok, token) = await _store.TakeFullCheckpointAsync(CheckpointType.FoldOver).ConfigureAwait(false);
                if (ok)
                {
                    await _store.CompleteCheckpointAsync().ConfigureAwait(false);
                    _device.SyncAll();
                    SyncTree(Path.Combine(_directory, "checkpoints"));
                    new CacheManifest(CacheManifest.CurrentFormat, _options.BlockSize, _options.EffectivePageSize, _options.EffectiveSegmentSize, Clean: true, token.ToString()).Write(_directory);
                }
                else
                {
                    _logger.LogWarning("block cache {Dir}: checkpoint on close was refused; the next open starts cold", _directory);
                }
            }
            catch (Exception e) when (e is FasterException or IOException)
            {
                _logger.LogWarning(e, "block cache {Dir}: checkpoint on close failed; the next open starts cold", _directory);
            }
        }
        Dispose();
    }

    /// <summary>Closes without a checkpoint: the next open starts cold.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        while (_sessions.TryTake(out var s)) s.Dispose();
        _store.Dispose();
        _device.Dispose();
    }

    /// <summary>fsyncs every file under a directory and the directories themselves.</summary>
    private static void SyncTree(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            int fd = NativeFile.Open(file, NativeFile.ORdOnly);
            try { NativeFile.FSync(fd, file); }
            finally { NativeFile.Close(fd); }
        }
        foreach (var sub in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories)) NativeFile.FSyncDirectory(sub);
        NativeFile.FSyncDirectory(dir);
    }
}
