using System.Runtime.InteropServices;

namespace GatewayFs.Cli.Native;

/// <summary>The few libc calls the daemon needs that .NET does not expose.</summary>
internal static partial class Libc
{
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int MNT_FORCE = 1;
    public const int MNT_DETACH = 2;
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_APPEND = 0x400;
    public const int O_CLOEXEC = 0x80000;
    public const int EINVAL = 22;
    public const int ENOENT = 2;
    public const int EBUSY = 16;
    public const int ESRCH = 3;
    public const int EPERM = 1;
    public const int ENOTCONN = 107;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int flock(SafeHandle fd, int operation);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    public const int F_DUPFD_CLOEXEC = 1030;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    [LibraryImport("libc")]
    public static partial uint getegid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int statvfs(string path, out StatVfs buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int stat(string path, out StatBuffer buffer);

    /// <summary>x86-64 / aarch64 glibc <c>struct statvfs</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfs
    {
        public ulong f_bsize;
        public ulong f_frsize;
        public ulong f_blocks;
        public ulong f_bfree;
        public ulong f_bavail;
        public ulong f_files;
        public ulong f_ffree;
        public ulong f_favail;
        public ulong f_fsid;
        public ulong f_flag;
        public ulong f_namemax;
        private unsafe fixed int _spare[6];
    }

    /// <summary>Room for any <c>struct stat</c> (144 bytes on x86-64); only the call's result is read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct StatBuffer
    {
        public ulong st_dev;
    }

    /// <summary>errno of the last call, as a readable string.</summary>
    public static string LastErrorText() => Marshal.GetLastPInvokeErrorMessage();

    /// <summary>Writes all of <paramref name="bytes"/> to a raw descriptor.</summary>
    public static unsafe bool WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            nint done = 0;
            while (done < bytes.Length)
            {
                var n = write(fd, p + done, bytes.Length - done);
                if (n <= 0) return false;
                done += n;
            }
        }
        return true;
    }
}
