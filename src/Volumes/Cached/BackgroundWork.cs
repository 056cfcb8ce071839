using System.Collections.Concurrent;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Fire-and-forget tasks (read-ahead GETs, caching of fetched or uploaded blocks) kept track of,
/// so that shutdown can wait for them before closing the cache they write to.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Tracks <paramref name="work"/> until it ends.</summary>
    public void Track(Task work)
    {
        _running.TryAdd(work, 0);
        work.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Waits until every tracked task has ended, or <paramref name="limit"/> passed; true when all ended.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit)
    {
        var all = Task.WhenAll(_running.Keys);
        try
        {
            await all.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // Each task's failure was handled (logged) by its owner; here only its end matters.
        }
        return _running.IsEmpty;
    }
}
