using GatewayFs.Fs;

namespace GatewayFs.Tests.Volumes.Support;

/// <summary>Path-based calls on an <see cref="IFileSystem"/>, the way the kernel would make them, for in-process tests.</summary>
public sealed class FsDriver
{
    private static readonly CancellationToken None = CancellationToken.None;

    public FsDriver(IFileSystem fs) => Fs = fs;

    public IFileSystem Fs { get; }

    public static FsCaller Caller { get; } = new(1000, 1000, Environment.ProcessId, 0x12);

    /// <summary>The node of a path ("" or "/" is the root); ENOENT as an FsException.</summary>
    public async Task<ulong> NodeAsync(string path)
    {
        ulong node = 1;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = await Fs.LookupAsync(node, part, None) ?? throw new FsException(FsError.NotFound, $"{path}: no '{part}'");
            node = e.NodeId;
        }
        return node;
    }

    public async Task<FsEntry?> TryLookupAsync(string path)
    {
        var (dir, name) = Split(path);
        return await Fs.LookupAsync(await NodeAsync(dir), name, None);
    }

    public async Task<FileAttr> StatAsync(string path) => (await Fs.GetAttrAsync(await NodeAsync(path), null, None)).Attr;

    public async Task WriteFileAsync(string path, byte[] data, uint mode = 0x1A4, int chunk = 128 << 10)
    {
        var (dir, name) = Split(path);
        var c = await Fs.CreateAsync(await NodeAsync(dir), name, mode, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, Caller, None);
        for (int off = 0; off < data.Length; off += chunk)
            await Fs.WriteAsync(c.Entry.NodeId, c.Open.Handle, off, data.AsMemory(off, Math.Min(chunk, data.Length - off)), None);
        await Fs.FlushAsync(c.Entry.NodeId, c.Open.Handle, None);
        await Fs.ReleaseAsync(c.Entry.NodeId, c.Open.Handle, None);
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of an existing file; fsyncs when asked.</summary>
    public async Task WriteAtAsync(string path, long offset, byte[] data, bool fsync = false)
    {
        ulong node = await NodeAsync(path);
        var o = await Fs.OpenAsync(node, OpenFlags.ReadWrite, Caller, None);
        await Fs.WriteAsync(node, o.Handle, offset, data, None);
        if (fsync) await Fs.FsyncAsync(node, o.Handle, false, None);
        await Fs.ReleaseAsync(node, o.Handle, None);
    }

    public async Task<byte[]> ReadFileAsync(string path, int chunk = 128 << 10)
    {
        ulong node = await NodeAsync(path);
        var o = await Fs.OpenAsync(node, OpenFlags.ReadOnly, Caller, None);
        try
        {
            var ms = new MemoryStream();
            var buf = new byte[chunk];
            for (long off = 0; ; )
            {
                int n = await Fs.ReadAsync(node, o.Handle, off, buf, None);
                if (n == 0) break;
                ms.Write(buf, 0, n);
                off += n;
            }
            return ms.ToArray();
        }
        finally
        {
            await Fs.ReleaseAsync(node, o.Handle, None);
        }
    }

    public async Task<byte[]> ReadAtAsync(string path, long offset, int length)
    {
        ulong node = await NodeAsync(path);
        var o = await Fs.OpenAsync(node, OpenFlags.ReadOnly, Caller, None);
        try
        {
            var buf = new byte[length];
            int n = await Fs.ReadAsync(node, o.Handle, offset, buf, None);
            return buf[..n];
        }
        finally
        {
            await Fs.ReleaseAsync(node, o.Handle, None);
        }
    }

    public async Task TruncateAsync(string path, long size)
    {
        var req = new SetAttrRequest { Fields = SetAttrFields.Size, Size = size };
        await Fs.SetAttrAsync(await NodeAsync(path), req, null, Caller, None);
    }

    public async Task ChmodAsync(string path, uint mode)
    {
        var req = new SetAttrRequest { Fields = SetAttrFields.Mode, Mode = mode };
        await Fs.SetAttrAsync(await NodeAsync(path), req, null, Caller, None);
    }

    public async Task MkdirAsync(string path, uint mode = 0x1ED)
    {
        var (dir, name) = Split(path);
        await Fs.MkdirAsync(await NodeAsync(dir), name, mode, Caller, None);
    }

    public async Task SymlinkAsync(string path, string target)
    {
        var (dir, name) = Split(path);
        await Fs.SymlinkAsync(await NodeAsync(dir), name, target, Caller, None);
    }

    public async Task UnlinkAsync(string path)
    {
        var (dir, name) = Split(path);
        await Fs.UnlinkAsync(await NodeAsync(dir), name, None);
    }

    public async Task RmdirAsync(string path)
    {
        var (dir, name) = Split(path);
        await Fs.RmdirAsync(await NodeAsync(dir), name, None);
    }

    public async Task RenameAsync(string from, string to, RenameFlags flags = RenameFlags.None)
    {
        var (fd, fn) = Split(from);
        var (td, tn) = Split(to);
        await Fs.RenameAsync(await NodeAsync(fd), fn, await NodeAsync(td), tn, flags, None);
    }

    /// <summary>Names and attributes of a directory's entries (without . and ..), read with readdir-plus.</summary>
    public async Task<List<(string Name, FsEntry Entry)>> ListAsync(string path, bool plus = true)
    {
        ulong node = await NodeAsync(path);
        ulong h = await Fs.OpenDirAsync(node, None);
        var sink = new CollectingSink(plus);
        try
        {
            long offset = 0;
            while (true)
            {
                int before = sink.Entries.Count;
                await Fs.ReadDirAsync(node, h, offset, sink, None);
                if (sink.Entries.Count == before) break;
                offset = sink.LastOffset;
                sink.Reset();
            }
        }
        finally
        {
            await Fs.ReleaseDirAsync(node, h, None);
        }
        return sink.All.Where(e => e.Name is not ("." or "..")).ToList();
    }

    /// <summary>Expects <paramref name="action"/> to fail with <paramref name="error"/>.</summary>
    public static async Task ExpectAsync(FsError error, Func<Task> action)
    {
        var e = await Xunit.Assert.ThrowsAsync<FsException>(action);
        Xunit.Assert.Equal(error, e.Error);
    }

    private static (string Dir, string Name) Split(string path)
    {
        path = path.Trim('/');
        int i = path.LastIndexOf('/');
        return i < 0 ? ("", path) : (path[..i], path[(i + 1)..]);
    }

    private sealed class CollectingSink : IDirSink
    {
        private const int PerCall = 100;

        public CollectingSink(bool plus) => Plus = plus;

        public bool Plus { get; }
        public List<(string Name, FsEntry Entry)> Entries { get; } = new();
        public List<(string Name, FsEntry Entry)> All { get; } = new();
        public long LastOffset { get; private set; }

        public bool TryAdd(string name, in FsEntry entry, long nextOffset)
        {
            if (Entries.Count >= PerCall) return false;
            Entries.Add((name, entry));
            All.Add((name, entry));
            LastOffset = nextOffset;
            return true;
        }

        public void Reset() => Entries.Clear();
    }
}
