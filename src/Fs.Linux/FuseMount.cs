using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// A live FUSE mount of an <see cref="IFileSystem"/>, through our own binding of libfuse3's
/// low-level API. SIGINT, SIGTERM, process exit and <see cref="Dispose"/> all unmount it
/// cleanly; the signals then keep their default effect (the process ends) unless the host
/// registers its own handler that cancels them.
/// </summary>
public sealed class FuseMount : IDisposable, IAsyncDisposable
{
    private readonly FuseSession _session;
    private readonly ILogger _log;
    private readonly PosixSignalRegistration[] _signals;
    private readonly EventHandler _onProcessExit;

    private FuseMount(FuseSession session, ILogger log)
    {
        _session = session;
        _log = log;
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
        _onProcessExit = (_, _) => Unmount();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        _ = session.Completion.ContinueWith(_ => ReleaseHooks(), TaskScheduler.Default);
    }

    /// <summary>
    /// Mounts <paramref name="fs"/> on <paramref name="mountpoint"/> and returns once the mount
    /// is live (the kernel's INIT is answered). Throws <see cref="FuseMountException"/> with a
    /// one-line reason otherwise; nothing stays mounted then.
    /// </summary>
    public static FuseMount Mount(IFileSystem fs, string mountpoint, FuseMountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        options ??= new FuseMountOptions();
        string path = MountPreflight.Check(mountpoint, options);
        var session = FuseSession.Start(fs, path, options);
        var log = options.Logger ?? NullLogger.Instance;
        log.LogInformation("mounted {Name} on {Mountpoint}", fs.Info.Name, path);
        return new FuseMount(session, log);
    }

    /// <summary>The absolute path the filesystem is mounted on.</summary>
    public string Mountpoint => _session.Mountpoint;

    /// <summary>Completes when the session ends: external umount, a signal, or <see cref="Unmount"/>.</summary>
    public Task Completion => _session.Completion;

    /// <summary>What the kernel and the adapter agreed on at INIT.</summary>
    internal FuseConnection? Connection => _session.Connection;

    /// <summary>The mount as /proc/self/mountinfo lists it.</summary>
    internal MountEntry? MountEntry => _session.MountEntry;

    /// <summary>
    /// Unmounts (lazily when files are still open; after a short grace the connection is
    /// aborted), waits for the receive threads and replies in flight, and frees the session.
    /// Idempotent and safe to call from any thread.
    /// </summary>
    public void Unmount() => _session.Unmount();

    /// <inheritdoc />
    public void Dispose() => Unmount();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(Task.Run(Unmount));

    private void OnSignal(PosixSignalContext context)
    {
        _log.LogInformation("{Signal}: unmounting {Mountpoint}", context.Signal, Mountpoint);
        Unmount();
    }

    private void ReleaseHooks()
    {
        foreach (var s in _signals) s.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        _log.LogInformation("unmounted {Mountpoint}", Mountpoint);
    }
}
