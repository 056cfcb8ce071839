using System.Collections.Concurrent;
using GatewayFs.Fs;

namespace GatewayFs.Tests.Fs.Linux.Support;

/// <summary>
/// A small in-memory filesystem for the binding's tests: enough semantics for ordinary
/// programs, plus hooks to inject delays and faults and counters for the sizes the kernel sent.
/// One lock; correctness over speed.
/// </summary>
internal sealed partial class MiniFs : IFileSystem
{
    private readonly object _lock = new();
    private readonly Dictionary<ulong, MiniNode> _nodes = [];
    private ulong _nextId = 2;
    private int _maxRead;
    private int _maxWrite;
    private int _reads;

    public MiniFs(FsInfo? info = null)
    {
        Info = info ?? new FsInfo { Name = "minifs", Subtype = "minifs" };
        _nodes[1] = new MiniNode { Attr = NewAttr(1, FileModes.Directory | 0x1ED /* 0755 */, 2), Children = [] };
    }

    public FsInfo Info { get; }

    /// <summary>Called at the start of every operation with its name and node; a returned exception is thrown.</summary>
    public Func<string, ulong, Exception?>? Fault { get; set; }

    /// <summary>Awaited before a read of the node returns (slow-backend simulation).</summary>
    public Func<ulong, Task>? ReadGate { get; set; }

    /// <summary>Awaited before an open of the node returns.</summary>
    public Func<ulong, Task>? OpenGate { get; set; }

    /// <summary>Called when a gated call was cancelled (interrupt or unmount).</summary>
    public Action? Cancelled { get; set; }

    /// <summary>Awaited before a write's data is copied (the data must stay valid until then).</summary>
    public Func<ulong, Task>? WriteGate { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When set, an absent xattr is answered with this task instead of a thrown FsException.</summary>
    public Func<ValueTask<int>>? MissingXattr { get; set; }

    /// <summary>Every name an operation was called with (entry names, xattr names, symlink targets), in order.</summary>
    public ConcurrentQueue<string> Names { get; } = new();

    public int MaxReadSize => Volatile.Read(ref _maxRead);

    /// <summary>Read calls so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Open replies ask the kernel to keep cached pages (default) …</summary>
    public bool KeepCache { get; set; } = true;

    /// <summary>… or to bypass the page cache.</summary>
    public bool DirectIo { get; set; }

    public int MaxWriteSize => Volatile.Read(ref _maxWrite);

    /// <summary>Open handles (for tests that check release).</summary>
    public int OpenHandles => _handles.Count;

    public ulong AddFile(string name, byte[] data, uint mode = 0x1A4 /* 0644 */, ulong parent = 1)
    {
        lock (_lock)
        {
            var n = NewNode(FileModes.Regular | mode, 1);
            n.Data = data;
            n.Attr.Size = data.Length;
            return Link(parent, name, n);
        }
    }

    public ulong AddGenerated(string name, long size, Func<long, int, byte> content, ulong parent = 1)
    {
        lock (_lock)
        {
            var n = NewNode(FileModes.Regular | 0x1A4, 1);
            n.Generator = content;
            n.Attr.Size = size;
            return Link(parent, name, n);
        }
    }

    public ulong AddDir(string name, ulong parent = 1)
    {
        lock (_lock)
        {
            var n = NewNode(FileModes.Directory | 0x1ED, 2);
            n.Children = [];
            _nodes[parent].Attr.Nlink++;
            return Link(parent, name, n);
        }
    }

    public ulong NodeOf(string name, ulong parent = 1)
    {
        lock (_lock) return _nodes[parent].Children![name];
    }

    public ulong LookupCount(ulong node)
    {
        lock (_lock) return _nodes.TryGetValue(node, out var n) ? n.Lookups : 0;
    }

    private static FileAttr NewAttr(ulong ino, uint mode, uint nlink)
    {
        var now = FsTime.Now;
        return new FileAttr { Ino = ino, Mode = mode, Nlink = nlink, Atime = now, Mtime = now, Ctime = now, BlockSize = 4096 };
    }

    private MiniNode NewNode(uint mode, uint nlink)
    {
        ulong id = _nextId++;
        var n = new MiniNode { Attr = NewAttr(id, mode, nlink) };
        _nodes[id] = n;
        return n;
    }

    private ulong Link(ulong parent, string name, MiniNode n)
    {
        _nodes[parent].Children!.Add(name, n.Attr.Ino);
        return n.Attr.Ino;
    }

    private void Check(string op, ulong node)
    {
        if (Fault?.Invoke(op, node) is { } e) throw e;
    }

    private void Check(string op, ulong node, string name)
    {
        Names.Enqueue(name);
        Check(op, node);
    }

    private MiniNode Get(ulong node) =>
        _nodes.TryGetValue(node, out var n) ? n : throw new FsException(FsError.Stale, $"node {node} is gone");

    private MiniNode Dir(ulong node)
    {
        var n = Get(node);
        return n.IsDir ? n : throw new FsException(FsError.NotDirectory);
    }

    private FsEntry Entry(MiniNode n)
    {
        n.Lookups++;
        return new FsEntry { NodeId = n.Attr.Ino, Attr = WithBlocks(n.Attr), AttrTimeout = Timeout, EntryTimeout = Timeout };
    }

    private static FileAttr WithBlocks(FileAttr a)
    {
        a.Blocks = (a.Size + 511) / 512;
        return a;
    }

    private static void Max(ref int field, int value)
    {
        int cur;
        while (value > (cur = Volatile.Read(ref field)) && Interlocked.CompareExchange(ref field, value, cur) != cur) { }
    }
}
