using System.Runtime.InteropServices;

namespace GatewayFs.TestKit.Posix;

/// <summary>struct timespec.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Timespec
{
    /// <summary>Seconds.</summary>
    public long Sec;
    /// <summary>Nanoseconds, or <see cref="Libc.UtimeNow"/>/<see cref="Libc.UtimeOmit"/> for utimensat.</summary>
    public long Nsec;
}

/// <summary>struct stat on x86-64 Linux (144 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 144)]
public struct Stat
{
    /// <summary>Device.</summary>
    public ulong Dev;
    /// <summary>Inode number.</summary>
    public ulong Ino;
    /// <summary>Link count.</summary>
    public ulong Nlink;
    /// <summary>Type and permissions.</summary>
    public uint Mode;
    /// <summary>Owner.</summary>
    public uint Uid;
    /// <summary>Group.</summary>
    public uint Gid;
    private int _pad;
    /// <summary>Device number of a device node.</summary>
    public ulong Rdev;
    /// <summary>Size in bytes.</summary>
    public long Size;
    /// <summary>Preferred I/O size.</summary>
    public long BlockSize;
    /// <summary>512-byte blocks allocated.</summary>
    public long Blocks;
    /// <summary>Last access.</summary>
    public Timespec Atime;
    /// <summary>Last modification.</summary>
    public Timespec Mtime;
    /// <summary>Last status change.</summary>
    public Timespec Ctime;
}

/// <summary>struct statfs on x86-64 Linux (120 bytes).</summary>
[StructLayout(LayoutKind.Sequential, Size = 120)]
public struct StatFsBuf
{
    /// <summary>Filesystem magic.</summary>
    public long Type;
    /// <summary>Block size.</summary>
    public long BlockSize;
    /// <summary>Total blocks.</summary>
    public ulong Blocks;
    /// <summary>Free blocks.</summary>
    public ulong BlocksFree;
    /// <summary>Blocks free for unprivileged users.</summary>
    public ulong BlocksAvailable;
    /// <summary>Total inodes.</summary>
    public ulong Files;
    /// <summary>Free inodes.</summary>
    public ulong FilesFree;
    /// <summary>Filesystem id.</summary>
    public ulong Fsid;
    /// <summary>Longest name.</summary>
    public long NameMax;
    /// <summary>Fragment size.</summary>
    public long FragmentSize;
    /// <summary>Mount flags.</summary>
    public long Flags;
}

/// <summary>The head of struct dirent on x86-64 Linux; the NUL-terminated name follows at offset 19.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct DirentHead
{
    /// <summary>Inode number.</summary>
    public ulong Ino;
    /// <summary>Cookie of the next entry.</summary>
    public long Off;
    /// <summary>Record length.</summary>
    public ushort RecLen;
    /// <summary>File type (DT_*).</summary>
    public byte Type;
}
