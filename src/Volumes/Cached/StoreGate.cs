using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Every store call a filesystem operation waits on goes through here: it is bounded in time
/// (a down store gives EIO, never a hang), its failure becomes an errno, and its outcome
/// feeds the reachability and last-error shown by status.
/// </summary>
internal sealed class StoreGate
{
    private readonly IObjectStore _store;
    private readonly VolumeCounters _counters;
    private readonly ILogger _log;

    public StoreGate(IObjectStore store, VolumeCounters counters, ILogger log)
    {
        _store = store;
        _counters = counters;
        _log = log;
    }

    public IObjectStore Store => _store;

    /// <summary>Runs <paramref name="op"/> with a deadline; maps failures to <see cref="FsException"/>.</summary>
    public async Task<T> CallAsync<T>(string what, TimeSpan timeout, Func<IObjectStore, CancellationToken, Task<T>> op, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            T result = await op(_store, cts.Token).ConfigureAwait(false);
            _counters.StoreAnswered();
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            string msg = $"{what}: the object store did not answer within {timeout.TotalSeconds:0.#} s";
            _counters.Error(msg, unreachable: true);
            _log.LogWarning("{Message}", msg);
            throw new FsException(FsError.Io, msg);
        }
        catch (ObjectStoreException e)
        {
            throw Map(what, e);
        }
    }

    public Task CallAsync(string what, TimeSpan timeout, Func<IObjectStore, CancellationToken, Task> op, CancellationToken ct) =>
        CallAsync<bool>(what, timeout, async (s, c) => { await op(s, c).ConfigureAwait(false); return true; }, ct);

    /// <summary>Records a store failure seen outside <see cref="CallAsync{T}"/> (uploads) and returns the errno it means.</summary>
    public FsException Map(string what, ObjectStoreException e)
    {
        string msg = $"{what}: {e.Message}";
        if (e.Error is not (ObjectStoreError.NotFound or ObjectStoreError.PreconditionFailed))
        {
            _counters.Error(msg, unreachable: e.IsTransient);
            _log.LogWarning("{Message}", msg);
        }
        else
        {
            _counters.StoreAnswered();
        }
        FsError errno = e.Error switch
        {
            ObjectStoreError.NotFound => FsError.NotFound,
            ObjectStoreError.AccessDenied => FsError.AccessDenied,
            ObjectStoreError.InvalidRequest => FsError.InvalidArgument,
            ObjectStoreError.PreconditionFailed => FsError.Stale,
            ObjectStoreError.NotSupported => FsError.NotSupported,
            _ => FsError.Io,
        };
        return new FsException(errno, msg, e);
    }
}
