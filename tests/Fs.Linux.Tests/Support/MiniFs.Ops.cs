using System.Collections.Concurrent;
using GatewayFs.Fs;

namespace GatewayFs.Tests.Fs.Linux.Support;

internal sealed partial class MiniFs
{
    private readonly ConcurrentDictionary<ulong, (ulong Node, OpenFlags Flags)> _handles = new();
    private long _nextHandle = 100;

    public ValueTask<FsEntry?> LookupAsync(ulong parent, string name, CancellationToken ct)
    {
        Check("lookup", parent, name);
        lock (_lock)
        {
            var d = Dir(parent);
            return new(d.Children!.TryGetValue(name, out var id) ? Entry(_nodes[id]) : null);
        }
    }

    public void Forget(ulong node, ulong count)
    {
        lock (_lock)
            if (_nodes.TryGetValue(node, out var n)) n.Lookups -= Math.Min(count, n.Lookups);
    }

    public ValueTask<AttrReply> GetAttrAsync(ulong node, ulong? handle, CancellationToken ct)
    {
        Check("getattr", node);
        lock (_lock) return new(new AttrReply(WithBlocks(Get(node).Attr), Timeout));
    }

    public ValueTask<AttrReply> SetAttrAsync(ulong node, SetAttrRequest r, ulong? handle, FsCaller caller, CancellationToken ct)
    {
        Check("setattr", node);
        lock (_lock)
        {
            var n = Get(node);
            if (r.Has(SetAttrFields.Mode)) n.Attr.Mode = (n.Attr.Mode & FileModes.TypeMask) | (r.Mode & FileModes.PermissionMask);
            if (r.Has(SetAttrFields.Uid)) n.Attr.Uid = r.Uid;
            if (r.Has(SetAttrFields.Gid)) n.Attr.Gid = r.Gid;
            if (r.Has(SetAttrFields.Size)) Resize(n, r.Size);
            if (r.Has(SetAttrFields.Atime)) n.Attr.Atime = r.Atime;
            if (r.Has(SetAttrFields.AtimeNow)) n.Attr.Atime = FsTime.Now;
            if (r.Has(SetAttrFields.Mtime)) n.Attr.Mtime = r.Mtime;
            if (r.Has(SetAttrFields.MtimeNow)) n.Attr.Mtime = FsTime.Now;
            n.Attr.Ctime = FsTime.Now;
            return new(new AttrReply(WithBlocks(n.Attr), Timeout));
        }
    }

    private static void Resize(MiniNode n, long size)
    {
        var data = n.Data;
        Array.Resize(ref data, (int)size);
        n.Data = data;
        n.Attr.Size = size;
        n.Attr.Mtime = FsTime.Now;
    }

    public ValueTask<string> ReadLinkAsync(ulong node, CancellationToken ct)
    {
        Check("readlink", node);
        lock (_lock) return new(Get(node).Target ?? throw new FsException(FsError.InvalidArgument));
    }

    public ValueTask<FsEntry> MkdirAsync(ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct) =>
        Make("mkdir", parent, name, FileModes.Directory | (mode & ~caller.Umask & FileModes.PermissionMask), caller, n => n.Children = []);

    public ValueTask<FsEntry> SymlinkAsync(ulong parent, string name, string target, FsCaller caller, CancellationToken ct) =>
        Make("symlink", parent, name, FileModes.Symlink | 0x1FF, caller, n => { Names.Enqueue(target); n.Target = target; n.Attr.Size = target.Length; });

    private ValueTask<FsEntry> Make(string op, ulong parent, string name, uint mode, FsCaller caller, Action<MiniNode> init)
    {
        Check(op, parent, name);
        FsNames.Validate(name);
        lock (_lock)
        {
            var d = Dir(parent);
            if (d.Children!.ContainsKey(name)) throw new FsException(FsError.Exists);
            var n = NewNode(mode, FileModes.IsDirectory(mode) ? 2u : 1u);
            n.Attr.Uid = caller.Uid;
            n.Attr.Gid = caller.Gid;
            init(n);
            if (n.IsDir) d.Attr.Nlink++;
            Link(parent, name, n);
            return new(Entry(n));
        }
    }

    public ValueTask<FsEntry> LinkAsync(ulong node, ulong newParent, string newName, CancellationToken ct)
    {
        Check("link", newParent, newName);
        throw new FsException(FsError.NotSupported, "no hard links here");
    }

    public ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct) => Remove("unlink", parent, name, dir: false);

    public ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct) => Remove("rmdir", parent, name, dir: true);

    private ValueTask Remove(string op, ulong parent, string name, bool dir)
    {
        Check(op, parent, name);
        lock (_lock)
        {
            var d = Dir(parent);
            if (!d.Children!.TryGetValue(name, out var id)) throw new FsException(FsError.NotFound);
            var n = _nodes[id];
            if (dir && !n.IsDir) throw new FsException(FsError.NotDirectory);
            if (!dir && n.IsDir) throw new FsException(FsError.IsDirectory);
            if (dir && n.Children!.Count > 0) throw new FsException(FsError.NotEmpty);
            d.Children.Remove(name);
            if (dir) d.Attr.Nlink--;
            return ValueTask.CompletedTask;
        }
    }

    public ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken ct)
    {
        Names.Enqueue(newName);
        Check("rename", parent, name);
        lock (_lock)
        {
            var from = Dir(parent);
            var to = Dir(newParent);
            if (!from.Children!.TryGetValue(name, out var id)) throw new FsException(FsError.NotFound);
            if (flags.HasFlag(RenameFlags.Exchange)) throw new FsException(FsError.InvalidArgument);
            if (to.Children!.ContainsKey(newName) && flags.HasFlag(RenameFlags.NoReplace)) throw new FsException(FsError.Exists);
            from.Children.Remove(name);
            to.Children[newName] = id;
            return ValueTask.CompletedTask;
        }
    }
}
