using GatewayFs.Fs.Linux.Native;

namespace GatewayFs.Fs.Linux;

/// <summary>Directory handles and listings, and statfs.</summary>
internal sealed partial class FuseSession
{
    private const int MaxPooledSinkBytes = 128 * 1024;

    private readonly Stack<DirSink> _sinks = new();

    internal void OpenDir(FuseRequest req, ulong node) =>
        Run(req, "opendir", node, static (fs, n, ct) => fs.OpenDirAsync(n, ct), default(NoState),
            static (r, h, _) => r.ReplyOpen(new OpenReply { Handle = h }));

    /// <summary>
    /// readdir and readdirplus. If the filesystem fails after adding readdirplus entries, the
    /// error is sent and the kernel never sees those entries; their lookup counts then stay
    /// raised until the filesystem drops the nodes some other way.
    /// </summary>
    internal void ReadDir(FuseRequest req, ulong node, ulong handle, long offset, int size, bool plus)
    {
        DirSink sink = RentSink();
        sink.Reset(req.Handle, size, plus);
        Run(req, plus ? "readdirplus" : "readdir", (node, handle, offset, sink),
            static (fs, a, ct) => AsBool(fs.ReadDirAsync(a.node, a.handle, a.offset, a.sink, ct)), sink,
            static (r, _, s) => r.ReplyBuffer(s.Written));
    }

    internal void ReleaseDir(FuseRequest req, ulong node, ulong handle) =>
        Run(req, "releasedir", (node, handle), static (fs, a, ct) => fs.ReleaseDirAsync(a.node, a.handle, ct));

    internal void StatFs(FuseRequest req, ulong node) =>
        Run(req, "statfs", node, static (fs, n, ct) => fs.StatFsAsync(n, ct), default(NoState), static (r, s, _) => r.ReplyStatFs(s));

    private DirSink RentSink()
    {
        lock (_sinks)
        {
            if (_sinks.TryPop(out var s)) return s;
        }
        return new DirSink();
    }

    internal void ReturnSink(DirSink sink)
    {
        if (sink.Capacity > MaxPooledSinkBytes) return; // keep the pool small; the GC takes big ones
        lock (_sinks)
        {
            if (_sinks.Count < 64) _sinks.Push(sink);
        }
    }
}
