using System.Collections.Concurrent;
using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>Open file and directory handles by number.</summary>
internal sealed class HandleTable<T> where T : class
{
    private readonly ConcurrentDictionary<ulong, T> _open = new();
    private long _next;

    public ulong Add(T handle)
    {
        ulong id = (ulong)Interlocked.Increment(ref _next);
        _open[id] = handle;
        return id;
    }

    public T Get(ulong id) =>
        _open.TryGetValue(id, out var h) ? h : throw new FsException(FsError.BadHandle, $"handle {id} is not open");

    public T? Remove(ulong id) => _open.TryRemove(id, out var h) ? h : null;

    public int Count => _open.Count;
}
