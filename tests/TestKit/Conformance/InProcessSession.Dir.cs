using System.Runtime.CompilerServices;
using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

public sealed partial class InProcessSession
{
    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadDirAsync(string path)
    {
        ulong node, handle;
        bool held;
        using (var refs = new NodeRefs(_fs))
        {
            node = await WalkAsync(path, followLast: true, refs);
            handle = await _fs.OpenDirAsync(node, default);
            held = refs.Transfer(node); // the open directory keeps its node referenced
        }
        try
        {
            long offset = 0;
            // Alternate plain and plus batches so both paths and their lookup counting get exercised.
            for (int batch = 0; ; batch++)
            {
                var sink = new BudgetDirSink(plus: batch % 2 == 1);
                await _fs.ReadDirAsync(node, handle, offset, sink, default);
                if (sink.Entries.Count == 0) yield break;
                long previous = offset;
                foreach (var (name, entry, next) in sink.Entries)
                {
                    if (sink.Plus && name is not ("." or "..")) _fs.Forget(entry.NodeId, 1);
                    offset = next;
                }
                // A cookie that does not move on would make the kernel list forever.
                if (offset <= previous)
                    throw new FsException(FsError.Io, $"readdir of '{path}' at cookie {previous} answered entries whose last cookie is {offset}");
                foreach (var (name, _, _) in sink.Entries) yield return name;
            }
        }
        finally
        {
            try { await _fs.ReleaseDirAsync(node, handle, default); }
            finally { if (held) _fs.Forget(node, 1); }
        }
    }

    /// <summary>Fills like a kernel readdir request of one page: FUSE dirent sizes against 4 KiB.</summary>
    private sealed class BudgetDirSink(bool plus) : IDirSink
    {
        private const int Budget = 4096;
        private int _used;

        public bool Plus { get; } = plus;

        public List<(string Name, FsEntry Entry, long Next)> Entries { get; } = new();

        public bool TryAdd(string name, in FsEntry entry, long nextOffset)
        {
            // struct fuse_dirent is 24 bytes plus the name, padded to 8; readdirplus adds fuse_entry_out (128).
            int size = (24 + System.Text.Encoding.UTF8.GetByteCount(name) + 7) & ~7;
            if (Plus) size += 128;
            if (_used + size > Budget) return false;
            _used += size;
            Entries.Add((name, entry, nextOffset));
            return true;
        }
    }
}
