#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

public sealed partial class InMemoryFileSystem
{
    /// <inheritdoc />
    public async ValueTask<ulong> OpenDirAsync(ulong node, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = DirOf(node);
            dir.Opens++;
            ulong handle = (ulong)Interlocked.Increment(ref _nextHandle);
            _handles[handle] = new MemHandle(dir, OpenFlags.ReadOnly, isDirectory: true);
            return handle;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReadDirAsync(ulong node, ulong handle, long offset, IDirSink sink, CancellationToken ct)
    {
        if (offset < 0) throw new FsException(FsError.InvalidArgument, $"negative readdir offset {offset}");
        lock (_tree)
        {
            var h = HandleOf(node, handle);
            if (!h.IsDirectory) throw new FsException(FsError.BadHandle, $"handle {handle} is not a directory handle");
            var dir = h.Node;
            // "." and ".." never count as lookups: the kernel takes no reference for them.
            if (offset < 1 && !sink.TryAdd(".", MakeEntry(dir), 1)) return;
            if (offset < 2 && !sink.TryAdd("..", MakeEntry(dir.Parent!), 2)) return;
            foreach (var e in dir.Dir!.After(offset))
            {
                if (!sink.TryAdd(e.Name, MakeEntry(e.Node), e.Cookie)) return;
                if (sink.Plus) e.Node.Lookups++;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseDirAsync(ulong node, ulong handle, CancellationToken ct) => CloseHandle(node, handle, directory: true);
}
