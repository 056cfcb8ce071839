namespace GatewayFs.Fs.Windows;

/// <summary>
/// One open instance of a file or directory (WinFsp's per-handle file context, because the
/// mount sets UmFileContextIsUserContext2). It owns one lookup on its node (unless it is the
/// root) and, except for symlinks opened as reparse points, one filesystem handle.
/// </summary>
internal sealed class WinFile(ulong nodeId, bool heldLookup, uint mode)
{
    private int _closed;

    /// <summary>The node.</summary>
    public ulong NodeId { get; } = nodeId;

    /// <summary>True when this file owns a lookup on <see cref="NodeId"/> that Close forgets.</summary>
    public bool HeldLookup { get; } = heldLookup;

    /// <summary>The node's st_mode when it was opened (the type does not change).</summary>
    public uint Mode { get; } = mode;

    /// <summary>True for directories.</summary>
    public bool IsDirectory => FileModes.IsDirectory(Mode);

    /// <summary>True for symbolic links (opened with FILE_OPEN_REPARSE_POINT; no handle).</summary>
    public bool IsSymlink => FileModes.IsSymlink(Mode);

    /// <summary>The filesystem handle (file or directory); valid when <see cref="HasHandle"/>.</summary>
    public ulong Handle { get; init; }

    /// <summary>True when <see cref="Handle"/> was opened and must be released.</summary>
    public bool HasHandle { get; init; }

    /// <summary>How the file handle was opened.</summary>
    public OpenFlags Flags { get; init; }

    /// <summary>
    /// Directory listing resume points: for every name already handed to WinFsp, the readdir
    /// cookie after it, so a ReadDirectory with that name as its marker continues without a
    /// rescan. Guarded by locking the dictionary.
    /// </summary>
    public Dictionary<string, long> DirCookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Marks the file closed; true only for the first caller.</summary>
    public bool TryClose() => Interlocked.Exchange(ref _closed, 1) == 0;
}
