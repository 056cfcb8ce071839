using GatewayFs.Cli.Native;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Daemon;

/// <summary>Stopping: unmount (if not done yet), upload what is left, close everything.</summary>
internal sealed partial class DaemonHost
{
    private static readonly TimeSpan ShutdownStall = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(5);

    private async Task<int> StopAsync(ShutdownRequest request)
    {
        _state = "unmounting";
        _log.LogInformation("stopping: {Reason}", request.Reason);
        if (!request.KernelUnmounted)
        {
            // Lazy: a signal must not fail because a shell sits in the mountpoint.
            var (result, detail) = KernelUnmount.Detach(_settings.Mountpoint);
            if (result is not (KernelUnmount.Result.Unmounted or KernelUnmount.Result.NotMounted))
                _log.LogError("unmounting {Mountpoint} failed: {Detail}", _settings.Mountpoint, detail);
        }
        var volume = _volume!;
        if (!request.Flushed) await FlushBeforeExitAsync(volume).ConfigureAwait(false);
        var final = volume.GetStatus();
        // From here on the volume closes; status requests get these last numbers instead.
        _lastStatus = final;
        _volume = null;
        var summary = final.DirtyBytes == 0 && final.DirtyFiles == 0
            ? $"unmounted {_settings.Mountpoint}; the object store holds everything"
            : $"unmounted {_settings.Mountpoint}; {FlushRunner.Pending(final)} stay in the journal in {_settings.CacheDir} and are uploaded by the next mount with this cache directory";
        _finishing = (request, summary);
        await UndoAsync().ConfigureAwait(false);
        _log.LogInformation("{Summary}", summary);
        return 0;
    }

    // Nobody waits on a signal or an outside umount, but the store should still get what it can.
    private async Task FlushBeforeExitAsync(Volumes.IGatewayVolume volume)
    {
        try
        {
            var outcome = await FlushRunner.RunAsync(volume, null, ShutdownStall, _log, _abort.Token).ConfigureAwait(false);
            if (!outcome.Complete)
                _log.LogWarning("{Pending} stay in the journal in {CacheDir}; the next mount with this cache directory uploads them",
                    FlushRunner.Pending(outcome.Status), _settings.CacheDir);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _log.LogWarning("stopped without waiting for uploads; {Pending} stay in the journal in {CacheDir}",
                FlushRunner.Pending(volume.GetStatus()), _settings.CacheDir);
        }
    }

    /// <summary>A cleanup step: after volume and store are closed, before the socket closes, answer the unmount request.</summary>
    private async ValueTask TellRequesterAsync()
    {
        if (_finishing is not { } f) return;
        f.Request.Finished.TrySetResult(f.Summary);
        await Task.WhenAny(f.Request.ReplySent.Task, Task.Delay(ReplyWait)).ConfigureAwait(false);
    }
}
