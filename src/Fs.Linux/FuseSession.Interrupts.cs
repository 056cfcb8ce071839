using System.Collections.Concurrent;
using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// Cancellation: every filesystem call gets a token that fires when the kernel interrupts the
/// request (the caller got a signal) or the session ends. A call that completes at once
/// costs nothing extra: the receive thread reuses one token source until a call goes
/// asynchronous and takes it along.
/// </summary>
internal sealed partial class FuseSession
{
    [ThreadStatic] private static CancellationTokenSource? t_requestCts;

    private readonly ConcurrentDictionary<nint, CancellationTokenSource> _inFlight = new();

    /// <summary>The token for the call being started on this receive thread.</summary>
    private static CancellationToken RequestToken => (t_requestCts ??= new CancellationTokenSource()).Token;

    /// <summary>The call completed synchronously: keep its token source for the next request.</summary>
    private static void RecycleRequestToken()
    {
        var cts = t_requestCts;
        if (cts is not null && !cts.TryReset()) t_requestCts = null;
    }

    /// <summary>The call went asynchronous: its token source now belongs to the request.</summary>
    private void TrackInterrupts(FuseRequest req)
    {
        var cts = t_requestCts;
        t_requestCts = null;
        if (cts is null) return;
        _inFlight[req.Handle] = cts;
        Callbacks.RegisterInterrupt(req.Handle);
    }

    /// <summary>
    /// Only calls that change nothing are cut short by a signal. A change (unlink, rename, write,
    /// setattr…) may already have reached the backend, so answering EINTR would report a failure
    /// that did not happen; and runtimes signal their own threads all the time (.NET's GC
    /// suspension, Go's preemption), so their callers would see EINTR from plain file calls.
    /// The kernel still lets a fatal signal end the caller at once; the change then completes
    /// on its own.
    /// </summary>
    private static bool Interruptible(string op) => op is "lookup" or "getattr" or "readlink" or "open" or "opendir"
        or "read" or "readdir" or "readdirplus" or "statfs" or "getxattr" or "listxattr";

    /// <summary>The call went asynchronous but ignores interrupts: its token source leaves this thread and is never cancelled by one.</summary>
    private static void KeepUninterrupted() => t_requestCts = null;

    private void UntrackInterrupts(FuseRequest req) => _inFlight.TryRemove(req.Handle, out _);

    /// <summary>
    /// The kernel sent FUSE_INTERRUPT for <paramref name="req"/> (called by libfuse under the
    /// request's lock). The token fires on the thread pool, so no filesystem code runs here.
    /// </summary>
    internal void OnInterrupt(nint req)
    {
        if (_inFlight.TryGetValue(req, out var cts))
            ThreadPool.UnsafeQueueUserWorkItem(static c => Cancel(c), cts, preferLocal: false);
    }

    private void CancelAllInFlight()
    {
        foreach (var cts in _inFlight.Values) Cancel(cts);
    }

    private static void Cancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (AggregateException e)
        {
            (t_current?._log)?.LogError(e, "a cancellation callback of the filesystem failed");
        }
    }
}
