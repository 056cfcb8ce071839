using System.Text;
using GatewayFs.Fs;

namespace GatewayFs.Tests.Fs.Linux.Support;

internal sealed partial class MiniFs
{
    public ValueTask<ulong> OpenDirAsync(ulong node, CancellationToken ct)
    {
        Check("opendir", node);
        lock (_lock) Dir(node);
        return new((ulong)Interlocked.Increment(ref _nextHandle));
    }

    /// <summary>Cookies: 1 after ".", 2 after "..", then 3 + the index in name order.</summary>
    public ValueTask ReadDirAsync(ulong node, ulong handle, long offset, IDirSink sink, CancellationToken ct)
    {
        Check(sink.Plus ? "readdirplus" : "readdir", node);
        lock (_lock)
        {
            var d = Dir(node);
            var self = new FsEntry { NodeId = node, Attr = d.Attr };
            if (offset < 1 && !sink.TryAdd(".", self, 1)) return ValueTask.CompletedTask;
            if (offset < 2 && !sink.TryAdd("..", self, 2)) return ValueTask.CompletedTask;
            var names = d.Children!.Keys.Order(StringComparer.Ordinal).ToList();
            for (int i = (int)Math.Max(0, offset - 2); i < names.Count; i++)
            {
                var child = _nodes[d.Children[names[i]]];
                var entry = new FsEntry { NodeId = child.Attr.Ino, Attr = WithBlocks(child.Attr), AttrTimeout = Timeout, EntryTimeout = Timeout };
                if (!sink.TryAdd(names[i], entry, i + 3)) break;
                if (sink.Plus) child.Lookups++;
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseDirAsync(ulong node, ulong handle, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask<FsStats> StatFsAsync(ulong node, CancellationToken ct)
    {
        Check("statfs", node);
        lock (_lock)
            return new(new FsStats { BlockSize = 4096, Blocks = 1 << 20, BlocksFree = 1 << 19, BlocksAvailable = 1 << 19, Files = 1 << 16, FilesFree = (ulong)(65536 - _nodes.Count), NameMax = 255 });
    }

    public ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct)
    {
        Check("getxattr", node, name);
        lock (_lock)
        {
            if (!Get(node).Xattrs.TryGetValue(name, out var v)) return MissingXattr?.Invoke() ?? throw new FsException(FsError.NoData);
            if (buffer.Length == 0) return new(v.Length);
            if (v.Length > buffer.Length) throw new FsException(FsError.Range);
            v.CopyTo(buffer);
            return new(v.Length);
        }
    }

    public ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct)
    {
        Check("setxattr", node, name);
        lock (_lock)
        {
            var x = Get(node).Xattrs;
            if (flags == XattrFlags.Create && x.ContainsKey(name)) throw new FsException(FsError.Exists);
            if (flags == XattrFlags.Replace && !x.ContainsKey(name)) throw new FsException(FsError.NoData);
            x[name] = value.ToArray();
            return ValueTask.CompletedTask;
        }
    }

    public ValueTask<IReadOnlyList<string>> ListXattrAsync(ulong node, CancellationToken ct)
    {
        Check("listxattr", node);
        lock (_lock) return new(Get(node).Xattrs.Keys.ToList());
    }

    public ValueTask RemoveXattrAsync(ulong node, string name, CancellationToken ct)
    {
        Check("removexattr", node, name);
        lock (_lock)
        {
            if (!Get(node).Xattrs.Remove(name)) throw new FsException(FsError.NoData);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Content for generated files: a byte that depends on the position, so misplaced data shows.</summary>
    public static byte Pattern(long offset, int _) => (byte)((offset * 31 + (offset >> 12) * 7) & 0xFF);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
