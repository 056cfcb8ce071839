using System.Runtime.InteropServices;
using GatewayFs.Fs.Linux.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GatewayFs.Fs.Linux;

/// <summary>
/// One libfuse low-level session: the native session, its receive threads, and the requests in
/// flight. An operation starts on a receive thread and replies when the filesystem's ValueTask
/// completes, on whatever thread that is, so a slow backend never pins a receive thread.
/// </summary>
internal sealed unsafe partial class FuseSession
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lock MountLock = new();

    /// <summary>The session whose receive loop runs on this thread; libfuse calls back on it.</summary>
    [ThreadStatic] private static FuseSession? t_current;

    private readonly IFileSystem _fs;
    private readonly FsInfo _info;
    private readonly ILogger _log;
    private readonly FuseMountOptions _options;
    private readonly int _maxIo;
    private readonly double _negativeSeconds;
    private readonly ManualResetEventSlim _initDone = new();
    private nint _se;
    private LowLevelOps* _ops;
    private Thread[] _threads = [];
    private volatile bool _initSeen;
    private int _initState; // 0 pending, 1 live, 2 failed
    private DeathWatch? _deathWatch;

    private FuseSession(IFileSystem fs, string mountpoint, FuseMountOptions options)
    {
        _fs = fs;
        _info = fs.Info;
        _options = options;
        _log = options.Logger ?? NullLogger.Instance;
        Mountpoint = mountpoint;
        int page = Environment.SystemPageSize;
        // libfuse reads each request into a buffer of FUSE_MAX_MAX_PAGES (256) pages plus a
        // 4 KiB header; that is also the largest read or write the kernel can send.
        int receiveSize = 256 * page + 4096;
        _maxIo = Math.Clamp(_info.MaxIoSize / page * page, page, 256 * page);
        _negativeSeconds = NativeConvert.Seconds(_info.NegativeEntryTimeout);
        // In flight at once: one receive buffer per thread, plus a reply buffer (or a lent
        // receive buffer) per pending read or write, which the kernel bounds by max_background
        // for asynchronous requests. Keeping that many means no buffer is ever allocated twice.
        Buffers = new IoBufferPool(receiveSize, retain: 2 * options.Threads + (int)MaxBackground);
    }

    public string Mountpoint { get; }

    /// <summary>What INIT negotiated; null until the mount is live.</summary>
    public FuseConnection? Connection { get; private set; }

    /// <summary>The mount as /proc/self/mountinfo lists it, once live.</summary>
    public MountEntry? MountEntry { get; private set; }

    internal IoBufferPool Buffers { get; }

    internal static FuseSession Current =>
        t_current ?? throw new InvalidOperationException("a FUSE callback ran outside a receive thread");

    /// <summary>Creates the session, mounts it, starts the receive threads and waits for INIT.</summary>
    public static FuseSession Start(IFileSystem fs, string mountpoint, FuseMountOptions options)
    {
        var s = new FuseSession(fs, mountpoint, options);
        s.CreateAndMount();
        s.StartLoops();
        if (!s._initDone.Wait(InitTimeout) || Volatile.Read(ref s._initState) != 1)
        {
            bool timedOut = Volatile.Read(ref s._initState) == 0;
            s.Unmount();
            throw new FuseMountException(timedOut
                ? $"mounting {mountpoint} failed: the kernel did not start the FUSE session within {InitTimeout.TotalSeconds:0} s"
                : $"mounting {mountpoint} failed: the kernel refused the FUSE session setup (see the log for libfuse's reason)");
        }
        s.MountEntry = MountTable.Find(mountpoint);
        s.TuneReadahead();
        if (options.AutoUnmount) s._deathWatch = DeathWatch.Start(mountpoint, s._log);
        return s;
    }

    private void CreateAndMount()
    {
        var args = MountArguments.Build(_info, _options, _maxIo);
        FuseLog.Install(_options.Logger);
        _ops = (LowLevelOps*)NativeMemory.AllocZeroed((nuint)sizeof(LowLevelOps));
        Callbacks.Fill(_ops);
        FuseLog.BeginCapture();
        string libfuseSays = "";
        try
        {
            _se = NewSession(args);
            if (_se == 0)
            {
                libfuseSays = FuseLog.EndCapture();
                throw new FuseMountException($"libfuse rejected the mount options '{string.Join(' ', args.Skip(1))}': {Reason(libfuseSays)}");
            }
            int rc;
            lock (MountLock) // another mount's fusermount3 must not fork while this one's descriptors are still inheritable
            {
                var before = Syscalls.OpenDescriptors();
                fixed (byte* mp = Utf8Z.Encode(Mountpoint))
                    rc = Libfuse.fuse_session_mount(_se, mp);
                // libfuse leaves /dev/fuse and auto_unmount's socket to fusermount3 inheritable: every
                // program started later (s3rver, cp, another mount's fusermount3) would hold them, so
                // the connection would outlive a crash and fusermount3 would wait for an end-of-file
                // that never comes (its watchers piled up by the hundred in test runs).
                Syscalls.CloseOnExecSince(before);
            }
            if (rc != 0)
            {
                libfuseSays = FuseLog.EndCapture();
                Libfuse.fuse_session_destroy(_se);
                _se = 0;
                throw new FuseMountException($"mounting {Mountpoint} failed: {Reason(libfuseSays)}");
            }
        }
        catch
        {
            NativeMemory.Free(_ops);
            _ops = null;
            throw;
        }
        finally
        {
            FuseLog.EndCapture();
        }
    }

    private static string Reason(string libfuseSays) =>
        libfuseSays.Length > 0 ? libfuseSays : "libfuse gave no reason (run with Debug = true to see its output)";

    private nint NewSession(List<string> args)
    {
        var strings = args.Select(a => (nint)NativeMemory.Alloc((nuint)(System.Text.Encoding.UTF8.GetByteCount(a) + 1))).ToArray();
        byte** argv = (byte**)NativeMemory.AllocZeroed((nuint)(sizeof(nint) * (args.Count + 1)));
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                byte[] z = Utf8Z.Encode(args[i]);
                z.AsSpan().CopyTo(new Span<byte>((void*)strings[i], z.Length));
                argv[i] = (byte*)strings[i];
            }
            var fa = new FuseArgs { Argc = args.Count, Argv = argv, Allocated = 0 };
            nint se = Libfuse.fuse_session_new(&fa, _ops, (nuint)sizeof(LowLevelOps), 0);
            // On success libfuse replaced fa with its own allocated copy of the leftover args.
            if (se != 0) Libfuse.fuse_opt_free_args(&fa);
            return se;
        }
        finally
        {
            foreach (var p in strings) NativeMemory.Free((void*)p);
            NativeMemory.Free(argv);
        }
    }

    private void StartLoops()
    {
        _loopsRunning = _options.Threads;
        _threads = new Thread[_options.Threads];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"fuse-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>One receive thread: read a request into a pooled buffer, let libfuse dispatch it.</summary>
    private void Loop()
    {
        t_current = this;
        IoBuffer buf = Buffers.Rent();
        try
        {
            FuseBuf fb = default;
            while (true)
            {
                fb = default;
                fb.Mem = buf.Pointer;
                fb.Size = (nuint)buf.Length;
                fb.Fd = -1;
                int res = Libfuse.fuse_session_receive_buf(_se, &fb);
                if (res == -Libc.EINTR) continue;
                if (res <= 0)
                {
                    if (res < 0) _log.LogError("reading from /dev/fuse failed: {Error}; ending the session", Syscalls.ErrorText(-res));
                    break;
                }
                t_receiveBuffer = buf;
                Libfuse.fuse_session_process_buf(_se, &fb);
                t_receiveBuffer = null;
                if (buf.IsLent)
                {
                    // A pending write still reads from it; carry on with another one.
                    Buffers.ReleaseShare(buf);
                    buf = Buffers.Rent();
                }
                if (_initSeen && Volatile.Read(ref _initState) == 0)
                    CompleteInit(Libfuse.fuse_session_exited(_se) == 0);
            }
        }
        catch (Exception e)
        {
            _log.LogCritical(e, "the FUSE receive loop failed; ending the session");
        }
        finally
        {
            t_current = null;
            if (buf.IsLent) Buffers.ReleaseShare(buf);
            else Buffers.Return(buf);
            if (Interlocked.Decrement(ref _loopsRunning) == 0) OnLoopsEnded();
        }
    }

    /// <summary>Closes the device (which also ends auto_unmount's fusermount3) and frees the session.</summary>
    private void DestroyNative()
    {
        Libfuse.fuse_session_unmount(_se);
        Libfuse.fuse_session_destroy(_se);
        _se = 0;
        NativeMemory.Free(_ops);
        _ops = null;
    }

    private void CompleteInit(bool live)
    {
        if (Interlocked.CompareExchange(ref _initState, live ? 1 : 2, 0) == 0)
            _initDone.Set();
    }

    /// <summary>Sets the backing device's read-ahead to the I/O size: sequential reads then arrive in 1 MiB requests.</summary>
    private void TuneReadahead()
    {
        if (MountEntry is not { } m) return;
        string path = $"/sys/class/bdi/{m.BdiName}/read_ahead_kb";
        try
        {
            if (File.Exists(path)) File.WriteAllText(path, (_maxIo / 1024).ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogDebug("could not set {Path}: {Error}", path, e.Message);
        }
    }
}
