using GatewayFs.Fs;

namespace GatewayFs.TestKit.InMemory;

/// <summary>
/// One node (inode). <see cref="Attr"/>, <see cref="Data"/> and <see cref="Xattrs"/> are
/// guarded by <see cref="Rw"/>; <see cref="Lookups"/>, <see cref="Opens"/>,
/// <see cref="Parent"/> and <see cref="Dir"/> by the filesystem's tree lock.
/// </summary>
internal sealed class MemNode
{
    public MemNode(ulong id, uint mode, FsCaller owner, FsTime now)
    {
        Id = id;
        Attr.Ino = id;
        Attr.Mode = mode;
        Attr.Uid = owner.Uid;
        Attr.Gid = owner.Gid;
        Attr.Atime = Attr.Mtime = Attr.Ctime = now;
        Attr.BlockSize = 4096;
        if (FileModes.IsDirectory(mode)) { Dir = new MemDirectory(); Attr.Nlink = 2; }
        else { Attr.Nlink = 1; }
        if (FileModes.IsRegular(mode)) Data = new SparseData();
    }

    public ulong Id { get; }

    /// <summary>Readers: read, getattr, getxattr. Writers: everything that changes the node.</summary>
    public ReaderWriterLockSlim Rw { get; } = new(LockRecursionPolicy.NoRecursion);

    public FileAttr Attr;
    public SparseData? Data { get; }
    public MemDirectory? Dir { get; }
    public string? Target { get; init; }
    public Dictionary<string, byte[]>? Xattrs { get; set; }

    /// <summary>The directory holding this directory (the root's is itself).</summary>
    public MemNode? Parent { get; set; }

    /// <summary>References the kernel holds (lookups minus forgets).</summary>
    public ulong Lookups { get; set; }

    /// <summary>Open file and directory handles.</summary>
    public int Opens { get; set; }

    public bool IsDirectory => Dir is not null;

    /// <summary>A copy of the attributes with size and blocks filled in; call under <see cref="Rw"/>.</summary>
    public FileAttr Snapshot()
    {
        var a = Attr;
        if (Data is not null)
        {
            a.Size = Data.Length;
            a.Blocks = (long)Data.ChunkCount * (SparseData.ChunkSize / 512);
        }
        else if (Dir is not null)
        {
            a.Size = 4096;
            a.Blocks = 8;
        }
        return a;
    }

    /// <summary>Attributes under a read lock.</summary>
    public FileAttr ReadAttr()
    {
        Rw.EnterReadLock();
        try { return Snapshot(); }
        finally { Rw.ExitReadLock(); }
    }

    /// <summary>Runs <paramref name="change"/> on the attributes under the write lock.</summary>
    public void Change<TState>(TState state, Action<MemNode, TState> change)
    {
        Rw.EnterWriteLock();
        try { change(this, state); }
        finally { Rw.ExitWriteLock(); }
    }

    /// <summary>Sets ctime (and mtime when <paramref name="content"/>) to <paramref name="now"/>.</summary>
    public void Touch(FsTime now, bool content)
    {
        Rw.EnterWriteLock();
        try
        {
            Attr.Ctime = now;
            if (content) Attr.Mtime = now;
        }
        finally { Rw.ExitWriteLock(); }
    }

    /// <summary>Adds <paramref name="delta"/> to the link count and sets ctime.</summary>
    public void AddLinks(int delta, FsTime now)
    {
        Rw.EnterWriteLock();
        try
        {
            Attr.Nlink = (uint)((int)Attr.Nlink + delta);
            Attr.Ctime = now;
        }
        finally { Rw.ExitWriteLock(); }
    }

    /// <summary>Sets the link count to zero (the node is gone from the namespace).</summary>
    public void Unlinked(FsTime now)
    {
        Rw.EnterWriteLock();
        try { Attr.Nlink = 0; Attr.Ctime = now; }
        finally { Rw.ExitWriteLock(); }
    }

    public uint Nlink
    {
        get
        {
            Rw.EnterReadLock();
            try { return Attr.Nlink; }
            finally { Rw.ExitReadLock(); }
        }
    }
}
