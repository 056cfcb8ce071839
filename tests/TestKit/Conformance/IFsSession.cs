using GatewayFs.Fs;

namespace GatewayFs.TestKit.Conformance;

/// <summary>
/// A path-based view of a filesystem under test, with the calls an ordinary program makes.
/// The conformance suite is written once against it; each target implements it: directly
/// over <see cref="IFileSystem"/> in-process, or with real syscalls on a mounted directory.
/// Paths are relative to the filesystem's root ("a/b/c"); failures throw
/// <see cref="FsException"/> with the errno as <see cref="FsException.Error"/>.
/// </summary>
public interface IFsSession : IAsyncDisposable
{
    /// <summary>The target's name, as shown in test names.</summary>
    string Target { get; }

    /// <summary>What the filesystem under test supports.</summary>
    FsFeatures Features { get; }

    /// <summary>The root as a host directory when the session goes through real syscalls; null in-process.</summary>
    string? HostRoot { get; }

    /// <summary>The umask new files and directories get.</summary>
    uint Umask { get; }

    /// <summary>
    /// Waits until the filesystem has nothing pending behind the scenes (a cached volume: every
    /// change uploaded and its local state clean), so a test can then check what happens to data
    /// that lives only in the store; nothing to do for other filesystems.
    /// </summary>
    ValueTask SettleAsync();

    /// <summary>stat(2): follows a final symbolic link.</summary>
    ValueTask<FileAttr> StatAsync(string path);

    /// <summary>lstat(2): does not follow a final symbolic link.</summary>
    ValueTask<FileAttr> LstatAsync(string path);

    /// <summary>open(2); <paramref name="mode"/> matters with <see cref="OpenFlags.Create"/>.</summary>
    ValueTask<IFsFile> OpenAsync(string path, OpenFlags flags, uint mode = 0x1A4 /* 0644 */);

    /// <summary>mkdir(2).</summary>
    ValueTask MkdirAsync(string path, uint mode = 0x1ED /* 0755 */);

    /// <summary>rmdir(2).</summary>
    ValueTask RmdirAsync(string path);

    /// <summary>unlink(2).</summary>
    ValueTask UnlinkAsync(string path);

    /// <summary>renameat2(2).</summary>
    ValueTask RenameAsync(string from, string to, RenameFlags flags = RenameFlags.None);

    /// <summary>symlink(2): creates <paramref name="path"/> pointing at <paramref name="target"/>.</summary>
    ValueTask SymlinkAsync(string target, string path);

    /// <summary>readlink(2).</summary>
    ValueTask<string> ReadLinkAsync(string path);

    /// <summary>link(2): a new name <paramref name="path"/> for <paramref name="existing"/>.</summary>
    ValueTask LinkAsync(string existing, string path);

    /// <summary>chmod(2).</summary>
    ValueTask ChmodAsync(string path, uint mode);

    /// <summary>chown(2).</summary>
    ValueTask ChownAsync(string path, uint uid, uint gid);

    /// <summary>utimensat(2): null leaves a time unchanged (UTIME_OMIT); <see cref="Utime.Now"/> sets it to now.</summary>
    ValueTask UtimensAsync(string path, FsTime? atime, FsTime? mtime);

    /// <summary>truncate(2).</summary>
    ValueTask TruncateAsync(string path, long size);

    /// <summary>opendir/readdir/closedir: every name, "." and ".." included, streamed so entries may change meanwhile.</summary>
    IAsyncEnumerable<string> ReadDirAsync(string path);

    /// <summary>statfs(2).</summary>
    ValueTask<FsStats> StatFsAsync(string path);

    /// <summary>getxattr(2): the whole value.</summary>
    ValueTask<byte[]> GetXattrAsync(string path, string name);

    /// <summary>setxattr(2).</summary>
    ValueTask SetXattrAsync(string path, string name, byte[] value, XattrFlags flags = XattrFlags.None);

    /// <summary>listxattr(2).</summary>
    ValueTask<IReadOnlyList<string>> ListXattrAsync(string path);

    /// <summary>removexattr(2).</summary>
    ValueTask RemoveXattrAsync(string path, string name);
}
