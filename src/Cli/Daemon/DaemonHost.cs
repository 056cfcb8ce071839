using System.Runtime.InteropServices;
using GatewayFs.Cli.Composition;
using GatewayFs.Cli.Control;
using GatewayFs.Cli.Logging;
using GatewayFs.Cli.Metrics;
using GatewayFs.Cli.Settings;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes;
using Microsoft.Extensions.Logging;

namespace GatewayFs.Cli.Daemon;

/// <summary>
/// One running mount: takes the cache directory, opens the store and the volume, mounts it,
/// answers the control socket and serves metrics until asked to stop (by `unmount`, a signal,
/// or an outside umount), then closes everything in reverse order. Startup failures undo what
/// was done, so nothing stays mounted, and are reported as one line.
/// </summary>
internal sealed partial class DaemonHost
{
    private readonly MountSettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly MountRegistry _registry;
    private readonly TaskCompletionSource<ShutdownRequest> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private readonly Stack<(string What, Func<ValueTask> Undo)> _cleanup = new();
    private volatile IGatewayVolume? _volume;
    private volatile VolumeStatus? _lastStatus;
    private (ShutdownRequest Request, string Summary)? _finishing;
    private KernelMount? _mount;
    private volatile string _state = "starting";
    private volatile bool _unmountRequested;
    private int _signals;

    private DaemonHost(MountSettings settings, ILoggerFactory loggers, MountRegistry registry)
    {
        _settings = settings;
        _loggers = loggers;
        _log = loggers.CreateLogger("gatewayfs");
        _registry = registry;
    }

    /// <summary>Runs the mount until it stops; returns the process exit code. <paramref name="attached"/>: foreground, log to stderr too.</summary>
    /// <remarks>
    /// The caller takes the cache directory's lock first: the log file lives in the cache directory
    /// and belongs to the mount that holds it.
    /// </remarks>
    public static async Task<int> RunAsync(MountSettings settings, CacheDirLock ownership, IReadyReporter reporter, RuntimePaths runtime, bool attached)
    {
        using var loggers = DaemonLogging.Create(settings, attached);
        var host = new DaemonHost(settings, loggers, new MountRegistry(runtime));
        host.Push("cache directory lock", () => { ownership.Dispose(); return ValueTask.CompletedTask; });
        using var signals = host.RegisterSignals(attached);
        return await host.RunCoreAsync(reporter).ConfigureAwait(false);
    }

    private async Task<int> RunCoreAsync(IReadyReporter reporter)
    {
        _log.LogInformation("gatewayfs {Version} (pid {Pid}) mounting {Mountpoint} -> {Target}, cache {CacheDir} ({Cache}, journal {Journal})",
            typeof(DaemonHost).Assembly.GetName().Version, Environment.ProcessId, _settings.Mountpoint, _settings.TargetDescription,
            _settings.CacheDir, ByteSize.Format(_settings.CacheSize), ByteSize.Format(_settings.JournalSize));
        try
        {
            await StartAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e);
            _log.LogError(e is CliError or ObjectStoreException ? null : e, "mount failed: {Reason}", message);
            await UndoAsync().ConfigureAwait(false);
            reporter.Failed(code, message);
            return code;
        }
        _state = "mounted";
        var ready = $"mounted {_settings.Mountpoint} ({_settings.TargetDescription}); log: {_settings.LogFile}";
        _log.LogInformation("{Ready}", ready);
        reporter.Ready(ready);

        // Whichever comes first decides how to stop: a request (unmount, signal) or the mount going away
        // underneath (umount from outside) — unless that is the unmount a request is doing itself.
        var first = await Task.WhenAny(_shutdown.Task, _mount!.Completion).ConfigureAwait(false);
        if (first != _shutdown.Task && !_unmountRequested)
            _shutdown.TrySetResult(ShutdownRequest.Unattended("the mountpoint was unmounted (umount, or a signal)", kernelUnmounted: true));
        var request = await _shutdown.Task.ConfigureAwait(false);
        reporter.Stopping();
        return await StopAsync(request).ConfigureAwait(false);
    }

    private async Task StartAsync(CancellationToken ct)
    {
        MountpointCheck.Verify(_settings.Mountpoint, _settings.AllowNonEmpty);

        // The socket answers from the start (status says "starting" during journal replay) and closes last,
        // after the requester of an unmount has been told that everything is closed.
        var socket = _registry.Paths.SocketFor(_settings.Mountpoint, _settings.CacheDir);
        var control = ControlServer.Start(socket, HandleAsync, _loggers.CreateLogger("control"));
        Push("control socket", control.DisposeAsync);
        Push("unmount reply", TellRequesterAsync);

        var store = StoreFactory.Create(_settings, _loggers);
        Push("object store", store.DisposeAsync);
        // Endpoint, credentials and bucket are checked before any local state is touched, so the
        // first thing a wrong setting produces is its own one-line reason.
        await store.CheckAsync(ct).ConfigureAwait(false);
        var volume = VolumeFactory.Create(_settings, store, _loggers);
        Push("volume", volume.DisposeAsync);
        await volume.StartAsync(ct).ConfigureAwait(false);
        _volume = volume;

        var mount = KernelMount.Mount(volume.FileSystem, _settings, _loggers);
        Push("mount", mount.DisposeAsync);
        _mount = mount;

        if (_settings.Metrics is { } address)
        {
            var metrics = MetricsExporter.Start(address, volume, _settings.Mountpoint);
            Push("metrics", metrics.DisposeAsync);
            _log.LogInformation("metrics at {Url}", address.ScrapeUrl);
        }

        _registry.Register(new RegistryEntry
        {
            Mountpoint = _settings.Mountpoint,
            Pid = Environment.ProcessId,
            Socket = socket,
            CacheDir = _settings.CacheDir,
            LogFile = _settings.LogFile,
            Target = _settings.TargetDescription,
            StartedAt = _startedAt,
        });
        Push("registry entry", () => { _registry.Unregister(_settings.Mountpoint, Environment.ProcessId); return ValueTask.CompletedTask; });
    }

    private void Push(string what, Func<ValueTask> undo) => _cleanup.Push((what, undo));

    /// <summary>Closes everything started so far, newest first; a failure of one step does not stop the others.</summary>
    private async Task UndoAsync()
    {
        while (_cleanup.TryPop(out var step))
        {
            try
            {
                await step.Undo().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.LogError(e, "closing the {What} failed", step.What);
            }
        }
    }

    private static (int Code, string Message) Describe(Exception e) => e switch
    {
        CliError c => (c.ExitCode, c.Message),
        ObjectStoreException s => (CliError.Failed, s.Message),
        OperationCanceledException => (CliError.Failed, "the mount was interrupted before it was ready; nothing is mounted"),
        _ => (70, $"internal error: {e.GetType().Name}: {e.Message}"),
    };

    private IDisposable RegisterSignals(bool attached)
    {
        var registrations = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
            {
                if (attached) OnSignal(ctx);
                else
                {
                    // A detached daemon has no terminal to lose; SIGHUP must not take the mount down.
                    ctx.Cancel = true;
                    _log.LogInformation("SIGHUP ignored");
                }
            }),
        };
        return new Registrations(registrations);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _log.LogInformation("{Signal} received: unmounting; a second signal stops without waiting for uploads", context.Signal);
            if (_state == "starting") _abort.Cancel();
            _shutdown.TrySetResult(ShutdownRequest.Unattended($"{context.Signal} received", kernelUnmounted: false));
        }
        else
        {
            _log.LogWarning("{Signal} received again: stopping now; pending uploads stay in the journal", context.Signal);
            _abort.Cancel();
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(r => r.Dispose());
    }
}
