#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask<OpenReply> OpenAsync(ulong node, OpenFlags flags, FsCaller caller, CancellationToken ct)
    {
        lock (_tree)
        {
            var n = NodeOf(node);
            if (n.IsDirectory) throw new FsException(FsError.IsDirectory, $"node {node} is a directory: use opendir");
            if (n.Data is null) throw new FsException(FsError.Loop, $"node {node} is a symbolic link");
            return OpenNode(n, flags);
        }
    }

    /// <summary>Opens a regular file, truncating when asked. Call under the tree lock.</summary>
    private OpenReply OpenNode(MemNode node, OpenFlags flags)
    {
        if ((flags & OpenFlags.Truncate) != 0)
        {
            // O_TRUNC marks mtime and ctime even for an empty file, as Linux does.
            node.Change(this, static (n, fs) =>
            {
                fs.ReleaseChunks(n.Data!.Clear());
                n.Attr.Mtime = n.Attr.Ctime = FsTime.Now;
            });
        }
        node.Opens++;
        ulong handle = (ulong)Interlocked.Increment(ref _nextHandle);
        _handles[handle] = new MemHandle(node, flags, isDirectory: false);
        return new OpenReply { Handle = handle, KeepCache = _options.KeepCache };
    }

    /// <inheritdoc />
    public async ValueTask<int> ReadAsync(ulong node, ulong handle, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        // The access mode is not checked: the kernel enforces it, and with the writeback
        // cache it reads through write-only handles to fill partial pages.
        var n = FileHandleOf(node, handle).Node;
        if (offset < 0) throw new FsException(FsError.InvalidArgument, $"negative offset {offset}");
        n.Rw.EnterReadLock();
        try { return n.Data!.Read(offset, buffer.Span); }
        finally { n.Rw.ExitReadLock(); }
    }

    /// <inheritdoc />
    public async ValueTask<int> WriteAsync(ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var h = FileHandleOf(node, handle);
        if (!h.Flags.CanWrite()) throw new FsException(FsError.BadHandle, $"handle {handle} is not open for writing");
        if (offset < 0) throw new FsException(FsError.InvalidArgument, $"negative offset {offset}");
        if (data.IsEmpty) return 0;
        var n = h.Node;
        n.Rw.EnterWriteLock();
        try
        {
            var file = n.Data!;
            if ((h.Flags & OpenFlags.Append) != 0) offset = file.Length;
            if (offset > _options.MaxFileSize - data.Length)
                throw new FsException(FsError.FileTooLarge, $"a write ending at {offset + data.Length} exceeds the largest file size {_options.MaxFileSize}");
            ReserveChunks(file.MissingChunks(offset, data.Length));
            file.Write(offset, data.Span);
            n.Attr.Mtime = n.Attr.Ctime = FsTime.Now;
            return data.Length;
        }
        finally { n.Rw.ExitWriteLock(); }
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(ulong node, ulong handle, CancellationToken ct) => FileHandleOf(node, handle);

    /// <inheritdoc />
    public async ValueTask FsyncAsync(ulong node, ulong handle, bool dataOnly, CancellationToken ct) => FileHandleOf(node, handle);

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(ulong node, ulong handle, CancellationToken ct) => CloseHandle(node, handle, directory: false);

    private void CloseHandle(ulong node, ulong handle, bool directory)
    {
        lock (_tree)
        {
            var h = HandleOf(node, handle);
            if (h.IsDirectory != directory) throw new FsException(FsError.BadHandle, $"handle {handle} is of the wrong kind");
            _handles.TryRemove(handle, out _);
            h.Node.Opens--;
            TryFree(h.Node);
        }
    }

    private MemHandle HandleOf(ulong node, ulong handle) =>
        _handles.TryGetValue(handle, out var h) && h.Node.Id == node
            ? h
            : throw new FsException(FsError.BadHandle, $"no handle {handle} open on node {node}");

    private MemHandle FileHandleOf(ulong node, ulong handle)
    {
        var h = HandleOf(node, handle);
        return h.IsDirectory ? throw new FsException(FsError.BadHandle, $"handle {handle} is a directory handle") : h;
    }
}
