using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// Inode numbers and the path index. A path maps to at most one attached node. A node the kernel
/// forgot stays as a cache entry (same inode number on the next lookup, local directory times)
/// until the table passes its capacity; a detached node goes as soon as nothing references it.
/// One lock (<see cref="Sync"/>), never held across an await.
/// </summary>
internal sealed class NodeTable
{
    public const ulong RootIno = 1;

    private readonly Dictionary<ulong, Node> _byIno = new();
    private readonly Dictionary<string, Node> _byPath = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private ulong _next = RootIno + 1;

    public NodeTable(int capacity = 200_000)
    {
        _capacity = capacity;
        Root = new Node(RootIno, "", NodeKind.Directory) { Lookups = 1 };
        _byIno[RootIno] = Root;
        _byPath[""] = Root;
    }

    public object Sync { get; } = new();

    public Node Root { get; }

    public int Count
    {
        get { lock (Sync) return _byIno.Count; }
    }

    /// <summary>The node the kernel names; ESTALE when it was forgotten.</summary>
    public Node Get(ulong ino)
    {
        lock (Sync)
            return _byIno.TryGetValue(ino, out var n) ? n
                : throw new FsException(FsError.Stale, $"node {ino} is not known (forgotten or from an earlier mount)");
    }

    public Node? Find(string path)
    {
        lock (Sync) return _byPath.GetValueOrDefault(path);
    }

    /// <summary>The attached node at <paramref name="path"/> of the given kind; one of another kind is detached and replaced.</summary>
    public Node GetOrAdd(string path, NodeKind kind)
    {
        lock (Sync)
        {
            if (_byPath.TryGetValue(path, out var n))
            {
                if (n.Kind == kind) return n;
                DetachLocked(n);
            }
            n = new Node(_next++, path, kind);
            _byIno[n.Ino] = n;
            _byPath[path] = n;
            return n;
        }
    }

    public void AddLookup(Node n)
    {
        lock (Sync) n.Lookups++;
    }

    public void Forget(ulong ino, ulong count)
    {
        lock (Sync)
        {
            if (!_byIno.TryGetValue(ino, out var n) || ino == RootIno) return;
            n.Lookups = count >= n.Lookups ? 0 : n.Lookups - count;
            PruneLocked(n);
        }
    }

    /// <summary>Removes the node from the path index (unlink, replaced by rename); it lives on while referenced.</summary>
    public void Detach(Node n)
    {
        lock (Sync) DetachLocked(n);
    }

    /// <summary>Drops the node if nothing references it any more.</summary>
    public void Prune(Node n)
    {
        lock (Sync) PruneLocked(n);
    }

    /// <summary>Moves every attached node at or below <paramref name="oldPath"/> to <paramref name="newPath"/>.</summary>
    public void Move(string oldPath, string newPath)
    {
        lock (Sync)
        {
            var moving = _byPath.Where(kv => ObjectKeys.IsUnder(kv.Key, oldPath)).Select(kv => kv.Value).ToList();
            foreach (var n in moving) _byPath.Remove(n.Path);
            foreach (var n in moving)
            {
                n.Path = ObjectKeys.Rebase(n.Path, oldPath, newPath);
                if (_byPath.TryGetValue(n.Path, out var old)) DetachLocked(old);
                _byPath[n.Path] = n;
            }
        }
    }

    /// <summary>Attached nodes strictly below <paramref name="dir"/>.</summary>
    public List<Node> Below(string dir)
    {
        lock (Sync)
            return _byPath.Where(kv => kv.Key != dir && ObjectKeys.IsUnder(kv.Key, dir)).Select(kv => kv.Value).ToList();
    }

    /// <summary>Every node with local file state (dirty or open for writing), attached or not.</summary>
    public List<Node> WithFileState()
    {
        lock (Sync) return _byIno.Values.Where(n => n.File is not null).ToList();
    }

    private void DetachLocked(Node n)
    {
        if (_byPath.TryGetValue(n.Path, out var cur) && ReferenceEquals(cur, n)) _byPath.Remove(n.Path);
        n.Detached = true;
        PruneLocked(n);
    }

    private void PruneLocked(Node n)
    {
        if (n.Ino == RootIno || n.Pinned) return;
        if (n.Detached) RemoveLocked(n);
        else if (_byIno.Count > _capacity) SweepLocked();
    }

    private void RemoveLocked(Node n)
    {
        _byIno.Remove(n.Ino);
        if (_byPath.TryGetValue(n.Path, out var cur) && ReferenceEquals(cur, n)) _byPath.Remove(n.Path);
    }

    /// <summary>Drops unreferenced nodes until the table is at three quarters of its capacity.</summary>
    private void SweepLocked()
    {
        int target = _capacity * 3 / 4;
        foreach (var n in _byIno.Values.Where(n => n.Ino != RootIno && !n.Pinned).Take(_byIno.Count - target).ToList())
            RemoveLocked(n);
    }
}
