using FASTER.core;

namespace GatewayFs.CacheEngine;

public sealed partial class FasterWriteJournal
{
    private readonly object _commitGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _commitWaiters = new();
    private bool _committing;

    /// <summary>True once the record at this address is durable.</summary>
    public bool IsCommitted(long address) => address < _log.CommittedUntilAddress;

    /// <summary>
    /// Group commit with one commit in flight: callers register the tail they need; one of them
    /// runs rounds (commit everything appended so far, wait until it is on disk, release every
    /// caller it covered). While a round's disk write runs, new appends pile up and the next
    /// round takes them all in one write, so many writers cost few synchronous writes.
    /// </summary>
    /// <inheritdoc />
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long target = _log.TailAddress;
        if (_log.CommittedUntilAddress >= target) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_commitGate)
        {
            _commitWaiters.Add((target, done));
            lead = !_committing;
            _committing = true;
        }
        // The first caller runs rounds itself (no thread hop for a lone writer) until its own
        // records are durable, then hands any remaining waiters to a background loop.
        if (lead) await RunCommitRoundsAsync(done).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunCommitRoundsAsync(TaskCompletionSource? leaveWhenDone)
    {
        while (true)
        {
            lock (_commitGate)
            {
                if (_commitWaiters.Count == 0)
                {
                    _committing = false;
                    return;
                }
            }
            if (leaveWhenDone is { Task.IsCompleted: true })
            {
                _ = Task.Run(() => RunCommitRoundsAsync(null));
                return;
            }
            await CommitRoundAsync().ConfigureAwait(false);
            if (NeedsReclaim()) Reclaim();
        }
    }

    private async Task CommitRoundAsync()
    {
        long target = _log.TailAddress;
        Exception? failure = null;
        try
        {
            // FasterLog drops a commit request whose records an in-flight commit already covers
            // and returns at once: wait for the address ourselves so "committed" means on disk.
            await _log.CommitAsync().ConfigureAwait(false);
            await _log.WaitForCommitAsync(target, 0).ConfigureAwait(false);
            Interlocked.Increment(ref _commitCount);
        }
        catch (Exception e) when (e is CommitFailureException or FasterException or IOException or ObjectDisposedException)
        {
            failure = e;
        }
        long committed = _log.CommittedUntilAddress;
        var released = new List<TaskCompletionSource>();
        lock (_commitGate)
        {
            for (int i = _commitWaiters.Count - 1; i >= 0; i--)
            {
                if (failure is null && _commitWaiters[i].Target > committed) continue;
                released.Add(_commitWaiters[i].Done);
                _commitWaiters.RemoveAt(i);
            }
        }
        foreach (var w in released)
        {
            if (failure is null) w.TrySetResult();
            else w.TrySetException(new IOException($"journal commit failed: {failure.Message}", failure));
        }
    }
}
