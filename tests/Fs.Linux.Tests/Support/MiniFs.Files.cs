using GatewayFs.Fs;

namespace GatewayFs.Tests.Fs.Linux.Support;

internal sealed partial class MiniFs
{
    public async ValueTask<OpenReply> OpenAsync(ulong node, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        Check("open", node);
        if (OpenGate is { } gate) await PassGate(gate, node, ct).ConfigureAwait(false);
        lock (_lock)
        {
            var n = Get(node);
            if (n.IsDir) throw new FsException(FsError.IsDirectory);
            if (flags.HasFlag(OpenFlags.Truncate)) Resize(n, 0);
        }
        return NewHandle(node, flags);
    }

    private async Task PassGate(Func<ulong, Task> gate, ulong node, CancellationToken ct)
    {
        try
        {
            await gate(node).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Cancelled?.Invoke();
            throw;
        }
    }

    private OpenReply NewHandle(ulong node, OpenFlags flags)
    {
        ulong h = (ulong)Interlocked.Increment(ref _nextHandle);
        _handles[h] = (node, flags);
        return new OpenReply { Handle = h, KeepCache = KeepCache, DirectIo = DirectIo };
    }

    public ValueTask<CreateReply> CreateAsync(ulong parent, string name, uint mode, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        Check("create", parent, name);
        FsNames.Validate(name);
        lock (_lock)
        {
            var d = Dir(parent);
            if (d.Children!.TryGetValue(name, out var existing))
            {
                if (flags.HasFlag(OpenFlags.Exclusive)) throw new FsException(FsError.Exists);
                var e = Entry(_nodes[existing]);
                return new(new CreateReply { Entry = e, Open = NewHandle(existing, flags) });
            }
            var n = NewNode(FileModes.Regular | (mode & ~caller.Umask & FileModes.PermissionMask), 1);
            n.Attr.Uid = caller.Uid;
            n.Attr.Gid = caller.Gid;
            Link(parent, name, n);
            return new(new CreateReply { Entry = Entry(n), Open = NewHandle(n.Attr.Ino, flags) });
        }
    }

    public async ValueTask<int> ReadAsync(ulong node, ulong handle, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        Check("read", node);
        Max(ref _maxRead, buffer.Length);
        Interlocked.Increment(ref _reads);
        if (ReadGate is { } gate) await PassGate(gate, node, ct).ConfigureAwait(false);
        lock (_lock)
        {
            var n = Get(node);
            long size = n.Attr.Size;
            if (offset >= size) return 0;
            int count = (int)Math.Min(buffer.Length, size - offset);
            if (n.Generator is { } g)
            {
                var span = buffer.Span;
                for (int i = 0; i < count; i++) span[i] = g(offset + i, 0);
            }
            else
            {
                n.Data.AsSpan((int)offset, count).CopyTo(buffer.Span);
            }
            return count;
        }
    }

    public ValueTask<int> WriteAsync(ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        Check("write", node);
        Max(ref _maxWrite, data.Length);
        return WriteGate is { } gate ? WriteLater(gate(node), node, handle, offset, data) : new(WriteNow(node, handle, offset, data.Span));
    }

    private async ValueTask<int> WriteLater(Task gate, ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data)
    {
        await gate.ConfigureAwait(false);
        return WriteNow(node, handle, offset, data.Span);
    }

    private int WriteNow(ulong node, ulong handle, long offset, ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            var n = Get(node);
            if (_handles.TryGetValue(handle, out var h) && h.Flags.HasFlag(OpenFlags.Append)) offset = n.Attr.Size;
            long end = offset + data.Length;
            if (end > n.Data.Length)
            {
                var grown = n.Data;
                Array.Resize(ref grown, (int)Math.Max(end, n.Data.Length * 2L));
                n.Data = grown;
            }
            data.CopyTo(n.Data.AsSpan((int)offset));
            if (end > n.Attr.Size) n.Attr.Size = end;
            n.Attr.Mtime = FsTime.Now;
            return data.Length;
        }
    }

    public ValueTask FlushAsync(ulong node, ulong handle, CancellationToken ct)
    {
        Check("flush", node);
        return ValueTask.CompletedTask;
    }

    public ValueTask FsyncAsync(ulong node, ulong handle, bool dataOnly, CancellationToken ct)
    {
        Check("fsync", node);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(ulong node, ulong handle, CancellationToken ct)
    {
        _handles.TryRemove(handle, out _);
        return ValueTask.CompletedTask;
    }
}
