using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes;

/// <summary>
/// While the store does not answer, what is known locally keeps answering: files with local
/// state, nodes and listings learned before, blocks in the cache. Only what was never known
/// (uncached names and bytes) needs the store and fails with EIO after the read timeout.
/// </summary>
public sealed partial class CachedVolume
{
    /// <summary>While the store is down, at most one background probe per this interval checks whether it is back.</summary>
    private static readonly TimeSpan StoreProbeInterval = TimeSpan.FromSeconds(5);

    private int _probing;
    private long _lastProbeAt;

    /// <summary>
    /// Whether to check with the store something already known (metadata or a listing past its
    /// TTL). While the store answers, yes. While it does not (the last call timed out or failed
    /// transiently), no: what is known is served at once instead of after another timeout, and a
    /// background probe finds out when the store is back.
    /// </summary>
    private bool MayRevalidate()
    {
        if (_counters.Reachable) return true;
        StartStoreProbe();
        return false;
    }

    private void StartStoreProbe()
    {
        long now = Now;
        if (now - Interlocked.Read(ref _lastProbeAt) < (long)StoreProbeInterval.TotalMilliseconds || _stopping.IsCancellationRequested) return;
        if (Interlocked.CompareExchange(ref _probing, 1, 0) != 0) return;
        Interlocked.Exchange(ref _lastProbeAt, now);
        string prefix = _keys.ChildPrefix("");
        _background.Track(Task.Run(async () =>
        {
            try
            {
                await _gate.CallAsync("LIST (is the store back?)", _opt.ReadTimeout, (s, c) => s.ListAsync(prefix, "/", null, 1, c), _stopping.Token).ConfigureAwait(false);
                _log.LogInformation("the object store answers again");
            }
            catch (FsException)
            {
                // Still down: the gate recorded it for status and logged it.
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Shutdown.
            }
            finally
            {
                Volatile.Write(ref _probing, 0);
            }
        }));
    }

    /// <summary>Keeps what is known of <paramref name="n"/> for another TTL, because the store does not answer.</summary>
    private Node ServeKnown(Node n)
    {
        lock (_nodes.Sync) n.ValidUntil = Now + (long)_opt.MetadataTtl.TotalMilliseconds;
        _log.LogInformation("'{Path}': the object store does not answer; using what is known of it", n.Path);
        return n;
    }

    /// <summary>The last listing of <paramref name="dir"/>, however old, when the store is down; else null.</summary>
    private List<KeyValuePair<string, ListedEntry>>? ListingWhileDown(string dir)
    {
        var stale = _dirs.Snapshot(dir, allowStale: true);
        if (stale is not null) _log.LogInformation("'{Dir}': the object store does not answer; listing it as last seen", dir);
        return stale;
    }
}
