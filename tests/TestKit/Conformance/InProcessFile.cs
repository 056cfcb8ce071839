using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>An open file of an <see cref="InProcessSession"/>; holds one lookup of its node until closed.</summary>
internal sealed class InProcessFile(InProcessSession session, ulong node, ulong handle, OpenFlags flags) : IFsFile
{
    private readonly IFileSystem _fs = session.Fs;
    private long _position;
    private bool _closed;

    public async ValueTask<int> ReadAsync(Memory<byte> buffer)
    {
        int n = await PreadAsync(_position, buffer);
        _position += n;
        return n;
    }

    public async ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data)
    {
        int n = await PwriteAsync(_position, data);
        _position = (flags & OpenFlags.Append) != 0 ? (await StatAsync()).Size : _position + n;
        return n;
    }

    public async ValueTask<int> PreadAsync(long offset, Memory<byte> buffer)
    {
        CheckOpen();
        if (!flags.CanRead()) throw new FsException(FsError.BadHandle, "file is not open for reading");
        if (offset < 0) throw new FsException(FsError.InvalidArgument, $"negative offset {offset}");
        // Like the kernel, fill the buffer unless the file ends: a filesystem may return less per call.
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await _fs.ReadAsync(node, handle, offset + total, buffer[total..], default);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public async ValueTask<int> PwriteAsync(long offset, ReadOnlyMemory<byte> data)
    {
        CheckOpen();
        if (!flags.CanWrite()) throw new FsException(FsError.BadHandle, "file is not open for writing");
        if (offset < 0) throw new FsException(FsError.InvalidArgument, $"negative offset {offset}");
        return await _fs.WriteAsync(node, handle, offset, data, default);
    }

    public async ValueTask<long> SeekAsync(long offset, SeekOrigin origin)
    {
        CheckOpen();
        long basis = origin switch
        {
            SeekOrigin.Begin => 0,
            SeekOrigin.Current => _position,
            _ => (await StatAsync()).Size,
        };
        long target = basis + offset;
        if (target < 0) throw new FsException(FsError.InvalidArgument, $"seek to negative position {target}");
        return _position = target;
    }

    public async ValueTask<FileAttr> StatAsync()
    {
        CheckOpen();
        return (await _fs.GetAttrAsync(node, handle, default)).Attr;
    }

    public async ValueTask TruncateAsync(long size)
    {
        CheckOpen();
        // ftruncate(2) on a descriptor not open for writing is EINVAL on Linux.
        if (!flags.CanWrite()) throw new FsException(FsError.InvalidArgument, "file is not open for writing");
        await _fs.SetAttrAsync(node, new SetAttrRequest { Fields = SetAttrFields.Size, Size = size }, handle, FsCaller.Self, default);
    }

    public async ValueTask FsyncAsync(bool dataOnly = false)
    {
        CheckOpen();
        await _fs.FsyncAsync(node, handle, dataOnly, default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            await _fs.FlushAsync(node, handle, default);
            await _fs.ReleaseAsync(node, handle, default);
        }
        finally { _fs.Forget(node, 1); }
    }

    private void CheckOpen()
    {
        if (_closed) throw new FsException(FsError.BadHandle, "file is closed");
    }
}
