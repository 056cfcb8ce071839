namespace GatewayFs.Fs;

/// <summary>st_mode bits (POSIX values) and helpers; the file type lives in <see cref="TypeMask"/>.</summary>
public static class FileModes
{
    /// <summary>Mask of the file-type bits.</summary>
    public const uint TypeMask = 0xF000;
    /// <summary>Regular file.</summary>
    public const uint Regular = 0x8000;
    /// <summary>Directory.</summary>
    public const uint Directory = 0x4000;
    /// <summary>Symbolic link.</summary>
    public const uint Symlink = 0xA000;
    /// <summary>Named pipe.</summary>
    public const uint Fifo = 0x1000;
    /// <summary>Character device.</summary>
    public const uint CharDevice = 0x2000;
    /// <summary>Block device.</summary>
    public const uint BlockDevice = 0x6000;
    /// <summary>Socket.</summary>
    public const uint Socket = 0xC000;
    /// <summary>Permission bits including setuid, setgid and sticky.</summary>
    public const uint PermissionMask = 0xFFF;

    /// <summary>True when the mode is a regular file.</summary>
    public static bool IsRegular(uint mode) => (mode & TypeMask) == Regular;
    /// <summary>True when the mode is a directory.</summary>
    public static bool IsDirectory(uint mode) => (mode & TypeMask) == Directory;
    /// <summary>True when the mode is a symbolic link.</summary>
    public static bool IsSymlink(uint mode) => (mode & TypeMask) == Symlink;
}
