using System.Diagnostics;
using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// Ending a session. The receive threads end when the kernel answers their read with ENODEV
/// (the mount is gone); the native session is destroyed only after every reply in flight was
/// sent, because a reply needs the session.
/// </summary>
internal sealed partial class FuseSession
{
    private static readonly TimeSpan BusyGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ManualResetEventSlim _loopsEnded = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loopsRunning;
    private int _pending = 1; // one for the receive loops, plus one per reply in flight
    private int _unmountRequested;

    /// <summary>Completes when the session has ended and its native resources are gone.</summary>
    public Task Completion => _completion.Task;

    internal void EnterPending() => Interlocked.Increment(ref _pending);

    internal void ExitPending()
    {
        if (Interlocked.Decrement(ref _pending) == 0) _drained.TrySetResult();
    }

    /// <summary>
    /// Unmounts (lazily when busy) and waits until the session has ended. Idempotent. From a
    /// receive thread (inside a filesystem call) it only starts the unmount.
    /// </summary>
    public void Unmount()
    {
        if (t_current == this)
        {
            // Called from one of our own callbacks: waiting here would wait for ourselves.
            _ = Task.Run(Unmount);
            return;
        }
        if (Interlocked.Exchange(ref _unmountRequested, 1) == 0)
        {
            Interlocked.Exchange(ref _deathWatch, null)?.Dispose();
            if (!_loopsEnded.IsSet) Detach();
        }
        if (!_completion.Task.Wait(DrainTimeout + StopTimeout))
            _log.LogError("the FUSE session on {Mountpoint} did not end", Mountpoint);
    }

    private void Detach()
    {
        int err = Syscalls.Umount(Mountpoint, 0);
        if (err == Libc.EBUSY)
        {
            _log.LogInformation("{Mountpoint} is busy; detaching it lazily", Mountpoint);
            err = Syscalls.Umount(Mountpoint, Libc.MNT_DETACH);
        }
        if (err == Libc.EPERM) err = FusermountUnmount();
        if (err != 0 && err != Libc.EINVAL && err != Libc.ENOENT)
            _log.LogWarning("unmounting {Mountpoint} failed: {Error}", Mountpoint, Syscalls.ErrorText(err));
        if (_loopsEnded.Wait(BusyGrace)) return;
        // Files still open keep a detached mount alive, and the kernel keeps sending requests.
        _log.LogWarning("files on {Mountpoint} are still open {Seconds} s after the unmount; aborting the FUSE connection",
            Mountpoint, BusyGrace.TotalSeconds);
        AbortConnection();
        if (!_loopsEnded.Wait(StopTimeout))
            _log.LogError("the FUSE receive threads of {Mountpoint} did not stop", Mountpoint);
    }

    /// <summary>Non-root mounts were made by fusermount3, so it has to undo them.</summary>
    private int FusermountUnmount()
    {
        string? tool = MountPreflight.FindFusermount();
        if (tool is null) return Libc.EPERM;
        using var p = Process.Start(new ProcessStartInfo(tool, ["-u", "-z", Mountpoint]) { RedirectStandardError = true });
        if (p is null) return Libc.EPERM;
        p.WaitForExit();
        return p.ExitCode == 0 ? 0 : Libc.EPERM;
    }

    /// <summary>Aborts the connection through fusectl: every request fails and every reader gets ENODEV.</summary>
    private void AbortConnection()
    {
        const string fusectl = "/sys/fs/fuse/connections";
        if (MountEntry is not { } m) return;
        string abort = $"{fusectl}/{m.Minor}/abort";
        try
        {
            if (!File.Exists(abort) && Syscalls.IsRoot) Syscalls.Mount("fusectl", fusectl, "fusectl");
            File.WriteAllText(abort, "1");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogError("could not abort the FUSE connection of {Mountpoint} via {Path}: {Error}", Mountpoint, abort, e.Message);
        }
    }

    /// <summary>Runs on the last receive thread to stop.</summary>
    private void OnLoopsEnded()
    {
        CompleteInit(false);
        Libfuse.fuse_session_exit(_se);
        _loopsEnded.Set();
        CancelAllInFlight();
        ExitPending();
        _ = FinishAsync();
    }

    private async Task FinishAsync()
    {
        try
        {
            await _drained.Task.WaitAsync(DrainTimeout).ConfigureAwait(false);
            DestroyNative();
        }
        catch (TimeoutException)
        {
            // Replying later needs the session and its fd: keep both rather than risk a reply
            // written into a reused descriptor.
            _log.LogError("{Count} FUSE operations on {Mountpoint} did not finish within {Seconds} s of the unmount; leaving the session allocated",
                Volatile.Read(ref _pending), Mountpoint, DrainTimeout.TotalSeconds);
        }
        catch (Exception e)
        {
            _log.LogError(e, "cleaning up the FUSE session of {Mountpoint} failed", Mountpoint);
        }
        finally
        {
            Interlocked.Exchange(ref _deathWatch, null)?.Dispose(); // ended from outside (umount): nothing left to watch
            _completion.TrySetResult();
        }
    }
}
