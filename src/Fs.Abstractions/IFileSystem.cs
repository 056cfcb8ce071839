namespace GatewayFs.Fs;

/// <summary>
/// The inode-based filesystem contract every volume implements and every kernel adapter
/// (FUSE low-level on Linux, WinFsp on Windows) drives. It mirrors FUSE's low-level
/// operations without any FUSE types, so a volume can be tested in-process and through a
/// real mount by the same conformance suite.
/// </summary>
/// <remarks>
/// Node 1 is the root. Failures are reported by throwing <see cref="FsException"/>; any other
/// exception is a bug and reaches the caller as <see cref="FsError.Io"/>. Every call may run
/// concurrently with any other; implementations do their own locking. Calls complete
/// asynchronously, so a slow backend never pins a kernel worker thread.
/// </remarks>
public interface IFileSystem
{
    /// <summary>Static facts the adapter needs at mount time.</summary>
    FsInfo Info { get; }

    /// <summary>Resolves <paramref name="name"/> in directory <paramref name="parent"/>; null when absent. Adds one lookup on success.</summary>
    ValueTask<FsEntry?> LookupAsync(ulong parent, string name, CancellationToken ct);

    /// <summary>The kernel dropped <paramref name="count"/> references to the node.</summary>
    void Forget(ulong node, ulong count);

    /// <summary>stat(2) of a node; <paramref name="handle"/> is set for fstat.</summary>
    ValueTask<AttrReply> GetAttrAsync(ulong node, ulong? handle, CancellationToken ct);

    /// <summary>chmod, chown, truncate and utimes; returns the new attributes.</summary>
    ValueTask<AttrReply> SetAttrAsync(ulong node, SetAttrRequest request, ulong? handle, FsCaller caller, CancellationToken ct);

    /// <summary>Target of a symbolic link.</summary>
    ValueTask<string> ReadLinkAsync(ulong node, CancellationToken ct);

    /// <summary>Creates a directory; <paramref name="mode"/> holds permission bits before the umask.</summary>
    ValueTask<FsEntry> MkdirAsync(ulong parent, string name, uint mode, FsCaller caller, CancellationToken ct);

    /// <summary>Creates a symbolic link named <paramref name="name"/> pointing at <paramref name="target"/>.</summary>
    ValueTask<FsEntry> SymlinkAsync(ulong parent, string name, string target, FsCaller caller, CancellationToken ct);

    /// <summary>Creates a hard link; backends without hard links answer <see cref="FsError.NotSupported"/>.</summary>
    ValueTask<FsEntry> LinkAsync(ulong node, ulong newParent, string newName, CancellationToken ct);

    /// <summary>Removes a non-directory; open handles keep working until released.</summary>
    ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct);

    /// <summary>Removes an empty directory.</summary>
    ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct);

    /// <summary>rename(2)/renameat2(2).</summary>
    ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, RenameFlags flags, CancellationToken ct);

    /// <summary>Opens an existing file. <see cref="OpenFlags.Truncate"/> may be set.</summary>
    ValueTask<OpenReply> OpenAsync(ulong node, OpenFlags flags, FsCaller caller, CancellationToken ct);

    /// <summary>Creates and opens a regular file (O_CREAT); fails with <see cref="FsError.Exists"/> only when <see cref="OpenFlags.Exclusive"/> is set.</summary>
    ValueTask<CreateReply> CreateAsync(ulong parent, string name, uint mode, OpenFlags flags, FsCaller caller, CancellationToken ct);

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns the count, 0 at end of file.</summary>
    ValueTask<int> ReadAsync(ulong node, ulong handle, long offset, Memory<byte> buffer, CancellationToken ct);

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/> (the end, for append handles); returns the count.</summary>
    ValueTask<int> WriteAsync(ulong node, ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>close(2) of one file descriptor of the handle; may be called several times.</summary>
    ValueTask FlushAsync(ulong node, ulong handle, CancellationToken ct);

    /// <summary>Makes the file's acknowledged data durable before returning.</summary>
    ValueTask FsyncAsync(ulong node, ulong handle, bool dataOnly, CancellationToken ct);

    /// <summary>The last reference to the handle is gone.</summary>
    ValueTask ReleaseAsync(ulong node, ulong handle, CancellationToken ct);

    /// <summary>Opens a directory for listing; returns a handle.</summary>
    ValueTask<ulong> OpenDirAsync(ulong node, CancellationToken ct);

    /// <summary>Lists entries after cookie <paramref name="offset"/> (0 = start) into <paramref name="sink"/>; "." and ".." included.</summary>
    ValueTask ReadDirAsync(ulong node, ulong handle, long offset, IDirSink sink, CancellationToken ct);

    /// <summary>Releases a directory handle.</summary>
    ValueTask ReleaseDirAsync(ulong node, ulong handle, CancellationToken ct);

    /// <summary>statfs(2).</summary>
    ValueTask<FsStats> StatFsAsync(ulong node, CancellationToken ct);

    /// <summary>
    /// Reads an extended attribute. With an empty <paramref name="buffer"/> returns the size;
    /// otherwise copies the value and returns its length, or throws <see cref="FsError.Range"/>
    /// when it does not fit and <see cref="FsError.NoData"/> when absent.
    /// </summary>
    ValueTask<int> GetXattrAsync(ulong node, string name, Memory<byte> buffer, CancellationToken ct);

    /// <summary>Sets an extended attribute.</summary>
    ValueTask SetXattrAsync(ulong node, string name, ReadOnlyMemory<byte> value, XattrFlags flags, CancellationToken ct);

    /// <summary>Names of the node's extended attributes.</summary>
    ValueTask<IReadOnlyList<string>> ListXattrAsync(ulong node, CancellationToken ct);

    /// <summary>Removes an extended attribute; <see cref="FsError.NoData"/> when absent.</summary>
    ValueTask RemoveXattrAsync(ulong node, string name, CancellationToken ct);
}
