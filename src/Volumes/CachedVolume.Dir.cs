using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <inheritdoc />
    public ValueTask<ulong> OpenDirAsync(ulong node, CancellationToken ct) =>
        ValueTask.FromResult(_dirHandles.Add(new DirHandle(Dir(node))));

    /// <inheritdoc />
    public async ValueTask ReadDirAsync(ulong node, ulong handle, long offset, IDirSink sink, CancellationToken ct)
    {
        var h = _dirHandles.Get(handle);
        var dir = h.Node;
        if (h.Entries is null || offset == 0)
        {
            var listing = _dirs.Snapshot(dir.Path) ?? (MayRevalidate() ? null : ListingWhileDown(dir.Path));
            try
            {
                listing ??= (await LoadListingAsync(dir.Path, int.MaxValue, ct).ConfigureAwait(false)).Entries.ToList();
            }
            catch (FsException e) when (e.Error == FsError.Io && ListingWhileDown(dir.Path) is { } last)
            {
                listing = last; // the error is in status
            }
            listing.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            h.Entries = listing;
        }
        long i = offset;
        if (i == 0)
        {
            if (!sink.TryAdd(".", MakeEntry(dir), 1)) return;
            i = 1;
        }
        if (i == 1)
        {
            var parent = dir.Ino == NodeTable.RootIno ? dir : _nodes.Find(ObjectKeys.Parent(dir.Path)) ?? _nodes.Root;
            if (!sink.TryAdd("..", MakeEntry(parent), 2)) return;
            i = 2;
        }
        var entries = h.Entries;
        for (long k = i - 2; k < entries.Count; k++)
        {
            var (name, listed) = (entries[(int)k].Key, entries[(int)k].Value);
            var n = NodeForListed(ObjectKeys.Join(dir.Path, name), listed);
            if (n is null) continue;
            if (!sink.TryAdd(name, MakeEntry(n), k + 3)) return;
            if (sink.Plus) _nodes.AddLookup(n);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseDirAsync(ulong node, ulong handle, CancellationToken ct)
    {
        _dirHandles.Remove(handle);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The node for a listed child without asking the store: size and time from the listing,
    /// mode and owner from the metadata cache or the mount defaults (see docs/SEMANTICS.md).
    /// </summary>
    private Node? NodeForListed(string path, ListedEntry listed)
    {
        if (listed.IsDirectory) return _nodes.GetOrAdd(path, NodeKind.Directory); // defaults until a lookup HEADs the marker
        if (listed.Object is not { } obj) return _nodes.Find(path);
        return NodeFor(path, obj, _meta.Get(obj.Identity));
    }
}
