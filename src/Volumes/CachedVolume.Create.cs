using System.Text;
using GatewayFs.Fs;
using GatewayFs.ObjectStore;
using GatewayFs.Volumes.Cached;

namespace GatewayFs.Volumes;

public sealed partial class CachedVolume
{
    /// <inheritdoc />
    public async ValueTask<FsEntry> MkdirAsync(ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct)
    {
        var (dir, path) = await NewNameAsync(parent, name, ct).ConfigureAwait(false);
        var (gid, setgid) = GroupFor(dir, caller);
        var meta = new PosixMetadata(FileModes.Directory | (mode & ~caller.Umask & FileModes.PermissionMask) | (setgid ? SetGidBit : 0), caller.Uid, gid, FsTime.Now);
        string key = _keys.DirMarkerKey(path);
        var info = await _gate.CallAsync($"PUT {key}", _opt.StoreOpTimeout,
            (s, c) => s.PutAsync(key, ReadOnlyMemory<byte>.Empty, meta.WriteTo(ObjectMetadata.Empty), c), ct).ConfigureAwait(false);
        var n = _nodes.GetOrAdd(path, NodeKind.Directory);
        SetKnown(n, RemoteObject.From(info), meta);
        _dirs.Put(path, new Dictionary<string, ListedEntry>(StringComparer.Ordinal), Now); // known empty: creates inside need no LIST
        _dirs.Upsert(dir.Path, name, new ListedEntry(true, null));
        NamespaceChanged(dir);
        _nodes.AddLookup(n);
        return MakeEntry(n);
    }

    /// <inheritdoc />
    public async ValueTask<FsEntry> SymlinkAsync(ulong parent, string name, string target, FsCaller caller, CancellationToken ct)
    {
        var (dir, path) = await NewNameAsync(parent, name, ct).ConfigureAwait(false);
        var meta = new PosixMetadata(FileModes.Symlink | 0x1FF, caller.Uid, GroupFor(dir, caller).Gid, FsTime.Now);
        string key = _keys.FileKey(path);
        byte[] body = Encoding.UTF8.GetBytes(target);
        var info = await _gate.CallAsync($"PUT {key}", _opt.StoreOpTimeout,
            (s, c) => s.PutAsync(key, body, meta.WriteTo(ObjectMetadata.Empty), c), ct).ConfigureAwait(false);
        var remote = RemoteObject.From(info) with { Size = body.Length };
        _meta.Set(remote.Identity, meta);
        var n = NodeFor(path, remote, meta);
        lock (_nodes.Sync) n.LinkTarget = target;
        _dirs.Upsert(dir.Path, name, new ListedEntry(false, remote));
        NamespaceChanged(dir);
        _nodes.AddLookup(n);
        return MakeEntry(n);
    }

    private const uint SetGidBit = 0x400;

    /// <summary>The group of a new node: the directory's when it is set-group-ID (which new subdirectories inherit), else the caller's.</summary>
    private (uint Gid, bool SetGid) GroupFor(Node dir, FsCaller caller)
    {
        var a = BuildAttr(dir);
        return (a.Mode & SetGidBit) != 0 ? (a.Gid, true) : (caller.Gid, false);
    }

    /// <summary>Checks that <paramref name="name"/> may be created in <paramref name="parent"/> and does not exist yet (EEXIST).</summary>
    private async Task<(Node Dir, string Path)> NewNameAsync(ulong parent, string name, CancellationToken ct)
    {
        EnsureWritable();
        var dir = Dir(parent);
        _keys.ValidateNew(dir.Path, name);
        string path = ObjectKeys.Join(dir.Path, name);
        if (await ResolveAsync(path, ct).ConfigureAwait(false) is not null) throw new FsException(FsError.Exists, $"'{path}' exists");
        return (dir, path);
    }

    /// <inheritdoc />
    public async ValueTask<string> ReadLinkAsync(ulong node, CancellationToken ct)
    {
        var n = _nodes.Get(node);
        if (n.Kind != NodeKind.Symlink) throw new FsException(FsError.InvalidArgument, $"'{n.Path}' is not a symbolic link");
        if (n.LinkTarget is { } cached) return cached;
        var r = n.Remote ?? throw new FsException(FsError.Io, $"symbolic link '{n.Path}' has no object");
        var buf = new byte[r.Size];
        int got = await _gate.CallAsync($"GET {r.Key}", _opt.ReadTimeout, (s, c) => s.GetRangeAsync(r.Key, 0, buf, r.ETag, c), ct).ConfigureAwait(false);
        string target = Encoding.UTF8.GetString(buf, 0, got);
        lock (_nodes.Sync) n.LinkTarget = target;
        return target;
    }

    /// <inheritdoc />
    public ValueTask<FsEntry> LinkAsync(ulong node, ulong newParent, string newName, CancellationToken ct) =>
        throw new FsException(FsError.NotSupported, "hard links cannot be stored as objects: a cached volume does not support them");

    /// <summary>chmod/chown/utimes of a directory marker or a symlink object: a server-side copy onto itself with new metadata.</summary>
    private async Task SetObjectMetaAsync(Node n, SetAttrRequest req, CancellationToken ct)
    {
        bool isDir = n.Kind == NodeKind.Directory;
        string key = isDir ? _keys.DirMarkerKey(n.Path) : _keys.FileKey(n.Path);
        if (isDir && n.Ino == NodeTable.RootIno && key.Length == 0)
            throw new FsException(FsError.NotPermitted, "the bucket root has no object to hold its attributes");
        var head = await _gate.CallAsync($"HEAD {key}", _opt.StoreOpTimeout, (s, c) => s.HeadAsync(key, c), ct).ConfigureAwait(false);
        var current = head is null ? PosixMetadata.None : PosixMetadata.Parse(head.Metadata);
        uint type = isDir ? FileModes.Directory : FileModes.Symlink;
        var mtime = current.Mtime ?? (head is null ? _mountTime : FsTime.FromDateTimeOffset(head.LastModified));
        var withDefaults = new PosixMetadata(current.Mode ?? (type | (isDir ? _opt.DirMode : 0x1FF)), current.Uid ?? _opt.Uid, current.Gid ?? _opt.Gid,
            mtime, current.Atime ?? mtime);
        var meta = Apply(withDefaults, req, type);
        ObjectInfo info = head is null
            ? await _gate.CallAsync($"PUT {key}", _opt.StoreOpTimeout, (s, c) => s.PutAsync(key, ReadOnlyMemory<byte>.Empty, meta.WriteTo(ObjectMetadata.Empty), c), ct).ConfigureAwait(false)
            : await _gate.CallAsync($"COPY {key}", _opt.StoreOpTimeout, (s, c) => s.CopyAsync(key, key, meta.WriteTo(head.Metadata), head.ETag, c), ct).ConfigureAwait(false);
        var remote = RemoteObject.From(info) with { Size = head?.Size ?? 0 };
        _meta.Set(remote.Identity, meta);
        SetKnown(n, remote, meta);
        var now = FsTime.Now;
        lock (_nodes.Sync)
        {
            if (req.Has(SetAttrFields.Mtime) || req.Has(SetAttrFields.MtimeNow)) n.LocalMtime = null; // an explicit time wins over local changes
            n.LocalCtime = now;
        }
    }
}
