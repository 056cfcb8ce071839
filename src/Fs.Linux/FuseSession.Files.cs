using GatewayFs.Fs.Linux.Native;

namespace GatewayFs.Fs.Linux;

/// <summary>Operations on open files. Reads fill a pooled buffer; writes read straight from the receive buffer.</summary>
internal sealed unsafe partial class FuseSession
{
    /// <summary>The buffer the current request was received into (set by the receive loop).</summary>
    [ThreadStatic] private static IoBuffer? t_receiveBuffer;

    internal void Open(FuseRequest req, ulong node, int flags) =>
        Run(req, "open", (node, flags: NativeConvert.ToOpenFlags(flags), caller: req.Caller),
            static (fs, a, ct) => fs.OpenAsync(a.node, a.flags, a.caller, ct), default(NoState),
            static (r, o, _) => r.ReplyOpen(o));

    internal void Create(FuseRequest req, ulong parent, string? name, uint mode, int flags)
    {
        if (Refused(req, name, Libc.EILSEQ)) return;
        Run(req, "create", (parent, name, mode: mode & FileModes.PermissionMask, flags: NativeConvert.ToOpenFlags(flags), caller: req.Caller),
            static (fs, a, ct) => fs.CreateAsync(a.parent, a.name, a.mode, a.flags, a.caller, ct), default(NoState),
            static (r, c, _) => r.ReplyCreate(c.Entry, c.Open));
    }

    internal void Read(FuseRequest req, ulong node, ulong handle, long offset, int size)
    {
        IoBuffer buf = Buffers.Rent();
        var memory = buf.Array.AsMemory(0, Math.Min(size, buf.Length));
        Run(req, "read", (node, handle, offset, memory), static (fs, a, ct) => fs.ReadAsync(a.node, a.handle, a.offset, a.memory, ct),
            new BufferState(buf, shared: false),
            static (r, n, s) =>
            {
                if ((uint)n > (uint)s.Buffer!.Length) r.ReplyError(Libc.EIO); // a filesystem claiming more than the buffer holds
                else r.ReplyBuffer(s.Buffer.Array.AsSpan(0, n));
            });
    }

    internal void Write(FuseRequest req, ulong node, ulong handle, long offset, byte* data, int size)
    {
        // The data lies in this thread's receive buffer. If the write completes now, nothing
        // is copied or kept; if it goes asynchronous, the buffer is lent to it and the receive
        // loop continues with another one.
        IoBuffer? received = t_receiveBuffer;
        IoBuffer? copy = null;
        ReadOnlyMemory<byte> memory;
        if (received is not null && received.TryGetOffset(data, size, out int at))
        {
            memory = received.Array.AsMemory(at, size);
        }
        else
        {
            copy = Buffers.Rent();
            int n = Math.Min(size, copy.Length);
            new ReadOnlySpan<byte>(data, n).CopyTo(copy.Array);
            memory = copy.Array.AsMemory(0, n);
        }
        ValueTask<int> task;
        try
        {
            task = _fs.WriteAsync(node, handle, offset, memory, RequestToken);
        }
        catch (Exception e)
        {
            RecycleRequestToken();
            ReplyFailure(req, ToErrno(e, "write"), new BufferState(copy, shared: false), "write");
            return;
        }
        BufferState state;
        if (copy is not null || task.IsCompleted)
        {
            state = new BufferState(copy, shared: false);
        }
        else
        {
            received!.Lend();
            state = new BufferState(received, shared: true);
        }
        Complete(req, task, state, "write", static (r, n, _) => r.ReplyWrite(n));
    }

    internal void Flush(FuseRequest req, ulong node, ulong handle) =>
        Run(req, "flush", (node, handle), static (fs, a, ct) => fs.FlushAsync(a.node, a.handle, ct));

    internal void Fsync(FuseRequest req, ulong node, ulong handle, bool dataOnly) =>
        Run(req, "fsync", (node, handle, dataOnly), static (fs, a, ct) => fs.FsyncAsync(a.node, a.handle, a.dataOnly, ct));

    internal void Release(FuseRequest req, ulong node, ulong handle) =>
        Run(req, "release", (node, handle), static (fs, a, ct) => fs.ReleaseAsync(a.node, a.handle, ct));
}
