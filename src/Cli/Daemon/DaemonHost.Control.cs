using GatewayFs.Cli.Control;
using GatewayFs.Cli.Native;
using GatewayFs.Cli.Settings;
using GatewayFs.Volumes;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Daemon;

/// <summary>Answers control requests: status, flush, unmount.</summary>
internal sealed partial class DaemonHost
{
    private async Task HandleAsync(ControlRequest request, Func<ControlReply, Task> reply, CancellationToken ct)
    {
        var send = Guarded(reply);
        switch (request.Op)
        {
            case ControlRequest.Status:
                await send(ControlReply.ForStatus(BuildStatus())).ConfigureAwait(false);
                break;
            case ControlRequest.Flush:
                await FlushRequestAsync(request, send).ConfigureAwait(false);
                break;
            case ControlRequest.Unmount:
                await UnmountRequestAsync(request, send).ConfigureAwait(false);
                break;
            default:
                await send(ControlReply.Error($"unknown request \"{request.Op}\"; this daemon understands status, flush and unmount")).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Replies that outlive their client: a client that hangs up (Ctrl+C) does not abort the flush or unmount it asked for.</summary>
    private Func<ControlReply, Task> Guarded(Func<ControlReply, Task> reply)
    {
        var gone = false;
        return async r =>
        {
            if (gone) return;
            try
            {
                await reply(r).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                gone = true;
                _log.LogInformation("control client left before the {Type} reply; the operation goes on", r.Type);
            }
        };
    }

    private MountStatus BuildStatus() => new()
    {
        Mountpoint = _settings.Mountpoint,
        State = _state,
        Pid = Environment.ProcessId,
        CacheDir = _settings.CacheDir,
        LogFile = _settings.LogFile,
        Bucket = _settings.Bucket,
        Prefix = _settings.Prefix,
        Endpoint = _settings.Endpoint,
        ReadOnly = _settings.ReadOnly,
        Metrics = _settings.Metrics?.ScrapeUrl,
        StartedAt = _startedAt,
        Volume = _volume?.GetStatus() ?? _lastStatus,
    };

    private async Task<FlushOutcome?> FlushOnceAsync(ControlRequest request, Func<ControlReply, Task> send)
    {
        if (_volume is not { } volume || _state != "mounted")
        {
            await send(ControlReply.Error($"{_settings.Mountpoint} is {_state}; try again in a moment")).ConfigureAwait(false);
            return null;
        }
        await using var progress = new ThrottledProgress(p => send(ControlReply.ForProgress(p)));
        var stall = TimeSpan.FromSeconds(Math.Max(1, request.StallSeconds));
        return await FlushRunner.RunAsync(volume, progress, stall, _log, _abort.Token).ConfigureAwait(false);
    }

    private async Task FlushRequestAsync(ControlRequest request, Func<ControlReply, Task> send)
    {
        await _flushLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var outcome = await FlushOnceAsync(request, send).ConfigureAwait(false);
            if (outcome is null) return;
            if (outcome.Complete)
                await send(ControlReply.Done($"flushed {_settings.Mountpoint}: {_settings.TargetDescription} holds everything written before the flush", BuildStatus())).ConfigureAwait(false);
            else
                await send(ControlReply.Error($"{outcome.Problem}; {FlushRunner.Pending(outcome.Status)} stay in the journal and are uploaded when the store is reachable again", BuildStatus())).ConfigureAwait(false);
        }
        finally
        {
            _flushLock.Release();
        }
    }

    private async Task UnmountRequestAsync(ControlRequest request, Func<ControlReply, Task> send)
    {
        await _flushLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var outcome = await FlushOnceAsync(request, send).ConfigureAwait(false);
            if (outcome is null) return;
            if (!outcome.Complete && !request.Force)
            {
                await send(ControlReply.Error($"{outcome.Problem}; {FlushRunner.Pending(outcome.Status)} stay in the journal and {_settings.Mountpoint} stays mounted; retry when the store is reachable, or unmount with --force (the next mount uploads them)", BuildStatus())).ConfigureAwait(false);
                return;
            }
            _unmountRequested = true;
            var (result, detail) = KernelUnmount.Unmount(_settings.Mountpoint);
            if (result == KernelUnmount.Result.Busy)
            {
                if (!request.Force)
                {
                    _unmountRequested = false;
                    await send(ControlReply.Error($"{_settings.Mountpoint} is busy: a process has a file open or its working directory there (see fuser -vm {_settings.Mountpoint}); close it and retry, or unmount with --force")).ConfigureAwait(false);
                    return;
                }
                (result, detail) = KernelUnmount.Detach(_settings.Mountpoint);
            }
            if (result is not (KernelUnmount.Result.Unmounted or KernelUnmount.Result.NotMounted))
            {
                _unmountRequested = false;
                await send(ControlReply.Error($"cannot unmount {_settings.Mountpoint}: {detail}")).ConfigureAwait(false);
                return;
            }
            // Writes that landed between the flush and the unmount are uploaded too.
            var flushed = outcome.Complete
                && (await FlushRunner.RunAsync(_volume!, null, TimeSpan.FromSeconds(Math.Max(1, request.StallSeconds)), _log, _abort.Token).ConfigureAwait(false)).Complete;
            var stop = new ShutdownRequest(request.Force ? "unmount --force requested" : "unmount requested", KernelUnmounted: true, Flushed: true);
            if (!_shutdown.TrySetResult(stop))
            {
                await send(ControlReply.Error($"{_settings.Mountpoint} is already being stopped")).ConfigureAwait(false);
                return;
            }
            var summary = await stop.Finished.Task.ConfigureAwait(false);
            if (!flushed && outcome.Problem is not null) summary += $" ({outcome.Problem})";
            await send(ControlReply.Done(summary)).ConfigureAwait(false);
            stop.ReplySent.TrySetResult();
        }
        finally
        {
            _flushLock.Release();
        }
    }
}
