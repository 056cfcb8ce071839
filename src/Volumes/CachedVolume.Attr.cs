using GatewayFs.Fs;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <inheritdoc />
    public async ValueTask<AttrReply> GetAttrAsync(ulong node, ulong? handle, CancellationToken ct)
    {
        var n = _nodes.Get(node);
        if (n.File is null && n.Kind != NodeKind.Directory && !n.Detached && (n.Meta is null || n.ValidUntil <= Now))
            await RefreshObjectAsync(n, ct).ConfigureAwait(false);
        if (n.Kind == NodeKind.Directory && !n.Detached && _dirs.CountSubdirectories(n.Path) is null && !IsBigDir(n.Path) && MayRevalidate())
        {
            try
            {
                await LoadListingAsync(n.Path, maxPages: 1, ct).ConfigureAwait(false); // for its link count; big directories report 2
            }
            catch (FsException e) when (e.Error == FsError.Io)
            {
                ServeKnown(n); // the link count of the last listing; the error is in status
            }
        }
        return new AttrReply(BuildAttr(n), AttrTimeout(n));
    }

    /// <inheritdoc />
    public ValueTask<FsStats> StatFsAsync(ulong node, CancellationToken ct)
    {
        // An object store has no fixed capacity: report a large, stable size (1 PiB) less what
        // waits in the journal, so programs that check free space proceed.
        const ulong total = 1UL << 50;
        const uint bs = 4096;
        ulong dirty = (ulong)Math.Max(0, Journal.Stats.DirtyBytes);
        return ValueTask.FromResult(new FsStats
        {
            BlockSize = bs,
            Blocks = total / bs,
            BlocksFree = (total - dirty) / bs,
            BlocksAvailable = (total - dirty) / bs,
            Files = 1UL << 40,
            FilesFree = 1UL << 40,
            NameMax = (uint)_keys.NameMaxForStore,
        });
    }

    private FileAttr BuildAttr(Node n)
    {
        var a = Node.BlankAttr(n.Ino);
        a.Nlink = 1;
        var f = n.File;
        if (f is not null)
        {
            lock (f)
            {
                a.Size = f.Size;
                a.Mode = f.Mode;
                a.Uid = f.Uid;
                a.Gid = f.Gid;
                a.Mtime = f.Mtime;
                a.Ctime = f.Ctime;
                a.Atime = f.Atime;
            }
        }
        else
        {
            PosixMetadata meta;
            RemoteObject? r;
            lock (_nodes.Sync)
            {
                meta = n.Meta ?? PosixMetadata.None;
                r = n.Remote;
            }
            FsTime fallbackTime = r is null ? _mountTime : FsTime.FromDateTimeOffset(r.LastModified);
            switch (n.Kind)
            {
                case NodeKind.Directory:
                    a.Mode = FileModes.Directory | (meta.Mode is { } dm ? dm & FileModes.PermissionMask : _opt.DirMode);
                    a.Size = 4096;
                    a.Nlink = 2;
                    break;
                case NodeKind.Symlink:
                    a.Mode = FileModes.Symlink | (meta.Mode is { } sm ? sm & FileModes.PermissionMask : 0x1FF);
                    a.Size = r?.Size ?? 0;
                    break;
                default:
                    a.Mode = FileModes.Regular | (meta.Mode is { } fm ? fm & FileModes.PermissionMask : _opt.FileMode);
                    a.Size = r?.Size ?? 0;
                    break;
            }
            a.Uid = meta.Uid ?? _opt.Uid;
            a.Gid = meta.Gid ?? _opt.Gid;
            a.Mtime = meta.Mtime ?? fallbackTime;
            a.Ctime = a.Mtime;
            a.Atime = meta.Atime ?? a.Mtime;
            if (n.Kind == NodeKind.Directory) a.Nlink = 2 + (uint)(_dirs.CountSubdirectories(n.Path, allowStale: true) ?? 0);
        }
        lock (_nodes.Sync)
        {
            if (n.LocalMtime is { } lm && lm.CompareTo(a.Mtime) > 0) a.Mtime = lm;
            if (n.LocalCtime is { } lc && lc.CompareTo(a.Ctime) > 0) a.Ctime = lc;
            if (a.Mtime.CompareTo(a.Ctime) > 0 && n.Kind == NodeKind.Directory) a.Ctime = a.Mtime;
            if (n.Detached) a.Nlink = 0;
        }
        a.Blocks = (a.Size + 511) / 512;
        return a;
    }

    private TimeSpan AttrTimeout(Node n) =>
        n.File is not null || n.Meta is not null || n.Kind == NodeKind.Directory
            ? _opt.MetadataTtl
            : (ListedAttrTimeout < _opt.MetadataTtl ? ListedAttrTimeout : _opt.MetadataTtl);

    private FsEntry MakeEntry(Node n)
    {
        var timeout = AttrTimeout(n);
        return new FsEntry { NodeId = n.Ino, Generation = 1, Attr = BuildAttr(n), AttrTimeout = timeout, EntryTimeout = timeout };
    }

    /// <summary>
    /// HEADs a clean file or symlink whose metadata is unknown or expired. A store that does not
    /// answer (or is known to be down) leaves the last known attributes in place; a vanished
    /// object is ENOENT.
    /// </summary>
    private async Task RefreshObjectAsync(Node n, CancellationToken ct)
    {
        if (n.Remote is not null && !MayRevalidate())
        {
            ServeKnown(n);
            return;
        }
        string key = _keys.FileKey(n.Path);
        GatewayFs.ObjectStore.ObjectInfo? info;
        try
        {
            info = await _gate.CallAsync($"HEAD {key}", _opt.ReadTimeout, (s, c) => s.HeadAsync(key, c), ct).ConfigureAwait(false);
        }
        catch (FsException e) when (e.Error == FsError.Io && n.Remote is not null)
        {
            ServeKnown(n); // the error is in status
            return;
        }
        if (info is null)
        {
            if (n.File is not null) return;
            _nodes.Detach(n);
            _dirs.Remove(ObjectKeys.Parent(n.Path), ObjectKeys.Name(n.Path));
            throw new FsException(FsError.NotFound, $"'{n.Path}' was removed from the store");
        }
        Learn(n, info);
    }

    /// <summary>Records what a HEAD said about a node's object.</summary>
    private void Learn(Node n, GatewayFs.ObjectStore.ObjectInfo info)
    {
        var remote = RemoteObject.From(info);
        var meta = PosixMetadata.Parse(info.Metadata);
        _meta.Set(remote.Identity, meta);
        SetKnown(n, remote, meta);
    }

    /// <summary>A directory's entries changed: its mtime and ctime become now (in memory, see <see cref="Node.LocalMtime"/>).</summary>
    private void Touch(Node dir)
    {
        var now = FsTime.Now;
        lock (_nodes.Sync) dir.LocalMtime = dir.LocalCtime = now;
    }

    /// <summary>Records what the store holds for a node; trusted for the metadata TTL.</summary>
    private void SetKnown(Node n, RemoteObject? remote, PosixMetadata? meta)
    {
        lock (_nodes.Sync)
        {
            n.Remote = remote;
            n.Meta = meta;
            n.ValidUntil = Now + (long)_opt.MetadataTtl.TotalMilliseconds;
        }
    }
}
