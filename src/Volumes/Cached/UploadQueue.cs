using Microsoft.Extensions.Logging;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Dirty files ordered by when they are due (last close + write-back delay, or a retry's backoff),
/// uploaded by a bounded number of workers. A file is in the queue at most once in effect:
/// rescheduling replaces its due time and stale entries are skipped.
/// </summary>
internal sealed class UploadQueue : IAsyncDisposable
{
    private readonly PriorityQueue<FileState, long> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _slots;
    private readonly Func<FileState, CancellationToken, Task> _upload;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _log;
    private readonly Task _loop;
    private int _running;

    // Until when (TickCount64) the loop sleeps; long.MinValue while it runs and will look at the
    // queue again anyway. Guarded by _queue. A schedule wakes the loop only when it is due
    // before that: every close of a written file schedules one, and a wake per close cost a
    // thread-pool hop and a timer per small file.
    private long _sleepUntil = long.MinValue;

    public UploadQueue(int concurrency, Func<FileState, CancellationToken, Task> upload, ILogger log)
    {
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _upload = upload;
        _log = log;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Uploads running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Makes the file due at <paramref name="dueAt"/> (Environment.TickCount64), or earlier if it already was.</summary>
    public void Schedule(FileState f, long dueAt)
    {
        lock (f)
        {
            if (f.Discarded) return;
            if (f.DueAt != 0 && f.DueAt <= dueAt) return;
            f.DueAt = dueAt;
        }
        bool wake;
        lock (_queue)
        {
            _queue.Enqueue(f, dueAt);
            wake = dueAt < _sleepUntil;
            if (wake) _sleepUntil = long.MinValue;
        }
        if (wake) _wake.Release();
    }

    /// <summary>Drops the file's pending schedule (its queue entry becomes stale).</summary>
    public void Forget(FileState f)
    {
        lock (f) f.DueAt = 0;
    }

    private async Task LoopAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            FileState? next = null;
            int wait = Timeout.Infinite;
            lock (_queue)
            {
                while (_queue.TryPeek(out var f, out long due))
                {
                    bool stale;
                    lock (f) stale = f.DueAt != due;
                    if (stale)
                    {
                        _queue.Dequeue();
                        continue;
                    }
                    long now = Environment.TickCount64;
                    if (due <= now)
                    {
                        _queue.Dequeue();
                        next = f;
                    }
                    else
                    {
                        wait = (int)Math.Min(due - now, int.MaxValue);
                    }
                    break;
                }
                _sleepUntil = next is not null ? long.MinValue
                    : wait == Timeout.Infinite ? long.MaxValue : Environment.TickCount64 + wait;
            }
            try
            {
                if (next is null)
                {
                    await _wake.WaitAsync(wait, stop).ConfigureAwait(false);
                    continue;
                }
                await _slots.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = RunAsync(next, stop);
        }
    }

    private async Task RunAsync(FileState f, CancellationToken stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenSource? cts;
        bool busy = false;
        lock (f)
        {
            cts = null;
            if (f.DueAt != 0 && f.DueAt > Environment.TickCount64)
            {
                // Rescheduled for later meanwhile: that entry runs it.
            }
            else
            {
                // This entry is consumed: a due time left behind would make later Schedule calls no-ops.
                f.DueAt = 0;
                busy = f.Upload is not null;
                if (!busy && !f.Discarded && f.IsDirty)
                {
                    cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    f.UploadCancel = cts;
                    f.Upload = done.Task;
                }
            }
        }
        if (cts is null)
        {
            _slots.Release();
            if (busy) Schedule(f, Environment.TickCount64 + 200); // the running upload may end before it sees the newer changes
            return;
        }
        Interlocked.Increment(ref _running);
        try
        {
            await _upload(f, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.LogError(e, "upload worker failed for {Path}", f.Node.Path); // _upload handles its errors; this is a bug
        }
        finally
        {
            lock (f)
            {
                f.Upload = null;
                f.UploadCancel = null;
            }
            cts.Dispose();
            Interlocked.Decrement(ref _running);
            _slots.Release();
            done.SetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        for (int i = 0; i < 600 && Running > 0; i++) await Task.Delay(50).ConfigureAwait(false);
        _stop.Dispose();
    }
}
