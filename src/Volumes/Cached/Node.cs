using GatewayFs.Fs;

namespace GatewayFs.Volumes.Cached;

/// <summary>
/// One inode the kernel knows (or a dirty file it forgot). Mutable fields are guarded by the
/// volume's node-table lock, except <see cref="File"/>'s own state, which has its own lock.
/// </summary>
internal sealed class Node
{
    public Node(ulong ino, string path, NodeKind kind)
    {
        Ino = ino;
        Path = path;
        Kind = kind;
    }

    public ulong Ino { get; }
    public NodeKind Kind { get; }

    /// <summary>Current path; changes on rename of the node or a directory above it.</summary>
    public string Path { get; set; }

    /// <summary>References the kernel holds (lookups minus forgets).</summary>
    public ulong Lookups { get; set; }

    /// <summary>Unlinked or replaced: no longer reachable by path, kept alive by handles or the kernel.</summary>
    public bool Detached { get; set; }

    /// <summary>The object (file, symlink) or marker (directory) as last seen; null when none exists yet (new file, implied directory).</summary>
    public RemoteObject? Remote { get; set; }

    /// <summary>POSIX metadata of <see cref="Remote"/>; null when not yet known (listed but never HEADed).</summary>
    public PosixMetadata? Meta { get; set; }

    /// <summary>When <see cref="Remote"/> stops being trusted (Environment.TickCount64 ms).</summary>
    public long ValidUntil { get; set; }

    /// <summary>The object's ETag when the kernel last opened it, for keep_cache.</summary>
    public string? OpenedETag { get; set; }

    /// <summary>Open file handles.</summary>
    public int OpenHandles { get; set; }

    /// <summary>Handles open for writing; the upload waits for the last one to close.</summary>
    public int WriteHandles { get; set; }

    /// <summary>Local state of a regular file that is open for writing or has changes not yet in the store.</summary>
    public FileState? File { get; set; }

    /// <summary>
    /// Local change times newer than the store's: a directory's mtime when its entries change, a
    /// node's ctime when it is renamed. Kept in memory only (storing them would cost a PUT per change).
    /// </summary>
    public FsTime? LocalMtime { get; set; }

    /// <inheritdoc cref="LocalMtime"/>
    public FsTime? LocalCtime { get; set; }

    /// <summary>Symlink target once read.</summary>
    public string? LinkTarget { get; set; }

    /// <summary>True while the node must stay in the table even with no kernel references.</summary>
    public bool Pinned => Lookups > 0 || OpenHandles > 0 || File is { IsDirty: true };

    public static FileAttr BlankAttr(ulong ino) => new() { Ino = ino, BlockSize = 4096 };
}
