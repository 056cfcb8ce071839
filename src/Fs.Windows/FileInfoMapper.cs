namespace GatewayFs.Fs.Windows;

/// <summary>POSIX attributes to the Windows view of a file, and Windows attribute changes back to a mode.</summary>
internal static class FileInfoMapper
{
    private const uint WriteBits = 0x92; // 0222
    private const uint OwnerWrite = 0x80; // 0200

    /// <summary>Builds FSP_FSCTL_FILE_INFO from <paramref name="attr"/>.</summary>
    /// <param name="attr">The node's attributes.</param>
    /// <param name="allocationUnit">Sector size times sectors per allocation unit.</param>
    public static FspFileInfo ToFileInfo(in FileAttr attr, uint allocationUnit)
    {
        bool dir = FileModes.IsDirectory(attr.Mode);
        ulong size = dir || attr.Size < 0 ? 0 : (ulong)attr.Size;
        ulong mtime = FileTimes.ToFileTime(attr.Mtime);
        ulong ctime = FileTimes.ToFileTime(attr.Ctime);
        return new FspFileInfo
        {
            FileAttributes = ToAttributes(attr.Mode),
            ReparseTag = FileModes.IsSymlink(attr.Mode) ? WinAttributes.ReparseTagSymlink : 0,
            FileSize = size,
            AllocationSize = RoundUp(size, allocationUnit),
            // POSIX keeps no birth time: the older of mtime and ctime is the best stand-in.
            CreationTime = Math.Min(mtime, ctime),
            LastAccessTime = FileTimes.ToFileTime(attr.Atime),
            LastWriteTime = mtime,
            ChangeTime = ctime,
            IndexNumber = attr.Ino,
        };
    }

    /// <summary>
    /// Windows file attributes of a mode: DIRECTORY, REPARSE_POINT for symlinks, READONLY for
    /// files nobody may write (never on directories, where Windows means something else by it),
    /// NORMAL when nothing else applies.
    /// </summary>
    public static uint ToAttributes(uint mode)
    {
        uint a = 0;
        if (FileModes.IsDirectory(mode)) a |= WinAttributes.Directory;
        else if ((mode & WriteBits) == 0) a |= WinAttributes.ReadOnly;
        if (FileModes.IsSymlink(mode)) a |= WinAttributes.ReparsePoint;
        return a == 0 ? WinAttributes.Normal : a;
    }

    /// <summary>
    /// The permission bits after Windows set <paramref name="attributes"/>; null when READONLY
    /// does not change. Setting READONLY clears every write bit; clearing it grants write to
    /// the owner and, through the umask, to group and others.
    /// </summary>
    public static uint? ModeForAttributes(uint mode, uint attributes, uint umask)
    {
        if (attributes == WinAttributes.Invalid || FileModes.IsDirectory(mode)) return null;
        bool wantReadOnly = (attributes & WinAttributes.ReadOnly) != 0;
        bool isReadOnly = (mode & WriteBits) == 0;
        if (wantReadOnly == isReadOnly) return null;
        uint perm = mode & FileModes.PermissionMask;
        return wantReadOnly ? perm & ~WriteBits : perm | OwnerWrite | (WriteBits & ~umask);
    }

    private static ulong RoundUp(ulong size, uint unit) =>
        unit == 0 ? size : (size + unit - 1) / unit * unit;
}
