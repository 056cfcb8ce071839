#pragma warning disable CS1998 // every call completes synchronously; async only so that errors travel in the returned task

using System.Collections.Concurrent;
using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

/// <summary>
/// The reference filesystem: a complete, thread-safe, POSIX-like <see cref="IFileSystem"/>
/// held in memory. Node ids are never reused; a node is freed only once it is unlinked,
/// forgotten by the kernel and no handle is open on it. Regular files are sparse (chunks),
/// so a large file with holes is cheap. Permission checks are left to the kernel
/// (the FUSE adapter mounts with <c>default_permissions</c>); this class never answers EACCES.
/// Every call completes synchronously.
/// </summary>
/// <remarks>
/// Lock order: <c>_tree</c> (namespace: directory entries, node table, lookup and open
/// counts), then at most one node's <c>Rw</c> (its attributes, data and xattrs) at a time.
/// Reads, writes and getattr take only the node lock.
/// </remarks>
public sealed partial class InMemoryFileSystem : IFileSystem
{
    /// <summary>Node id of the root directory.</summary>
    public const ulong RootId = 1;

    private readonly Lock _tree = new();
    private readonly ConcurrentDictionary<ulong, MemNode> _nodes = new();
    private readonly ConcurrentDictionary<ulong, MemHandle> _handles = new();
    private readonly InMemoryOptions _options;
    private long _nextNode = (long)RootId;
    private long _nextHandle;
    private long _usedBytes;

    /// <summary>Creates an empty filesystem holding only the root directory.</summary>
    public InMemoryFileSystem(InMemoryOptions? options = null)
    {
        _options = options ?? new InMemoryOptions();
        Info = _options.ToInfo();
        var root = new MemNode(RootId, FileModes.Directory | (_options.RootMode & FileModes.PermissionMask),
            new FsCaller(_options.RootUid, _options.RootGid, 0, 0), FsTime.Now);
        root.Parent = root;
        _nodes[RootId] = root;
    }

    /// <inheritdoc />
    public FsInfo Info { get; }

    /// <summary>Nodes alive (linked, looked up or open), the root included.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Open file and directory handles.</summary>
    public int HandleCount => _handles.Count;

    /// <summary>Bytes of file data held (whole chunks).</summary>
    public long UsedBytes => Interlocked.Read(ref _usedBytes);

    /// <summary>The kernel's references to all nodes: 0 once a well-behaved client has forgotten everything.</summary>
    public ulong TotalLookups
    {
        get
        {
            lock (_tree)
            {
                ulong total = 0;
                foreach (var n in _nodes.Values) total += n.Lookups;
                return total;
            }
        }
    }

    /// <summary>The kernel's references to <paramref name="node"/> (0 when it is gone).</summary>
    public ulong LookupCount(ulong node)
    {
        lock (_tree) return _nodes.TryGetValue(node, out var n) ? n.Lookups : 0;
    }

    /// <inheritdoc />
    public async ValueTask<FsEntry?> LookupAsync(ulong parent, string name, CancellationToken ct)
    {
        lock (_tree)
        {
            var dir = DirOf(parent);
            MemNode? found = name switch
            {
                "." => dir,
                ".." => dir.Parent!,
                _ => FindChild(dir, name),
            };
            return found is null ? null : EntryFor(found);
        }
    }

    /// <inheritdoc />
    public void Forget(ulong node, ulong count)
    {
        lock (_tree)
        {
            if (!_nodes.TryGetValue(node, out var n)) return;
            n.Lookups = count >= n.Lookups ? 0 : n.Lookups - count;
            TryFree(n);
        }
    }

    private MemNode? FindChild(MemNode dir, string name)
    {
        FsNames.Validate(name, _options.NameMax);
        return dir.Dir!.Find(name)?.Node;
    }

    private MemNode NodeOf(ulong id) =>
        _nodes.TryGetValue(id, out var n) ? n : throw new FsException(FsError.NotFound, $"node {id} does not exist");

    private MemNode DirOf(ulong id)
    {
        var n = NodeOf(id);
        return n.IsDirectory ? n : throw new FsException(FsError.NotDirectory, $"node {id} is not a directory");
    }

    /// <summary>A directory that may receive new entries: not removed. Call under the tree lock.</summary>
    private MemNode LiveDirOf(ulong id)
    {
        var dir = DirOf(id);
        if (dir.Nlink == 0) throw new FsException(FsError.NotFound, $"directory {id} was removed");
        return dir;
    }

    /// <summary>The entry handed to the kernel; adds one lookup. Call under the tree lock.</summary>
    private FsEntry EntryFor(MemNode node)
    {
        node.Lookups++;
        return MakeEntry(node);
    }

    private FsEntry MakeEntry(MemNode node) => new()
    {
        NodeId = node.Id,
        Attr = node.ReadAttr(),
        AttrTimeout = _options.AttrTimeout,
        EntryTimeout = _options.EntryTimeout,
    };

    private MemNode NewNode(uint mode, FsCaller owner, FsTime now, string? target = null)
    {
        if (_nodes.Count >= _options.MaxNodes)
            throw new FsException(FsError.NoSpace, $"node limit {_options.MaxNodes} reached");
        ulong id = (ulong)Interlocked.Increment(ref _nextNode);
        var node = new MemNode(id, mode, owner, now) { Target = target };
        _nodes[id] = node;
        return node;
    }

    /// <summary>Owner and mode of a new node in <paramref name="dir"/>: umask applied, setgid directories inherited.</summary>
    private static (FsCaller Owner, uint Mode) NewOwnership(MemNode dir, uint type, uint mode, FsCaller caller)
    {
        uint perm = mode & FileModes.PermissionMask & ~caller.Umask;
        uint dirMode = dir.ReadAttr().Mode;
        const uint SetGid = 0x400;
        if ((dirMode & SetGid) != 0)
        {
            caller = caller with { Gid = dir.ReadAttr().Gid };
            if (type == FileModes.Directory) perm |= SetGid;
        }
        return (caller, type | perm);
    }

    /// <summary>
    /// Frees a file's data once it has no name and no open handle (nothing can read it any
    /// more, so statfs shows the space at once), and drops the node once the kernel has
    /// forgotten it too. Call under the tree lock.
    /// </summary>
    private void TryFree(MemNode node)
    {
        if (node.Id == RootId || node.Opens > 0 || node.Nlink > 0) return;
        if (node.Data is { ChunkCount: > 0 })
        {
            node.Rw.EnterWriteLock();
            try { ReleaseChunks(node.Data.Clear()); }
            finally { node.Rw.ExitWriteLock(); }
        }
        if (node.Lookups == 0) _nodes.TryRemove(node.Id, out _);
    }

    private void ReleaseChunks(int chunks) =>
        Interlocked.Add(ref _usedBytes, -(long)chunks * SparseData.ChunkSize);

    /// <summary>Reserves space for <paramref name="chunks"/> new chunks or throws ENOSPC.</summary>
    private void ReserveChunks(int chunks)
    {
        if (chunks == 0) return;
        long bytes = (long)chunks * SparseData.ChunkSize;
        if (Interlocked.Add(ref _usedBytes, bytes) > _options.Capacity)
        {
            Interlocked.Add(ref _usedBytes, -bytes);
            throw new FsException(FsError.NoSpace, $"capacity of {_options.Capacity} bytes reached");
        }
    }
}
