using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>The few glibc calls the adapter needs (x86-64 Linux).</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc.so.6";

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int ENODATA = 61;
    public const int EILSEQ = 84;
    public const int EOPNOTSUPP = 95;
    public const int ENOTCONN = 107;

    public const int MNT_DETACH = 2;
    public const int O_RDWR = 2;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int umount2(byte* target, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mount(byte* source, byte* target, byte* fstype, ulong flags, byte* data);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int open(byte* path, int flags);

    [LibraryImport(Library)]
    public static partial int close(int fd);

    public const int F_GETFD = 1;
    public const int F_SETFD = 2;
    public const int FD_CLOEXEC = 1;

    /// <summary>fcntl(2) with an int argument (F_GETFD/F_SETFD).</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int stat(byte* path, StatBuf* buf);

    [LibraryImport(Library)]
    public static partial uint geteuid();

    /// <summary>Formats a libfuse log line; <paramref name="ap"/> is the caller's va_list (a pointer on x86-64).</summary>
    [LibraryImport(Library)]
    public static partial int vsnprintf(byte* buf, nuint size, byte* format, nint ap);
}
