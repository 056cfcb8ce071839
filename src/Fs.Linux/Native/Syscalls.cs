using System.Runtime.InteropServices;

namespace GatewayFs.Fs.Linux.Native;

/// <summary>Managed-friendly wrappers over <see cref="Libc"/> that return errno instead of -1.</summary>
internal static unsafe class Syscalls
{
    /// <summary>The file descriptors this process has open now.</summary>
    public static HashSet<int> OpenDescriptors()
    {
        var fds = new HashSet<int>();
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            if (int.TryParse(Path.GetFileName(entry), out int fd)) fds.Add(fd);
        return fds;
    }

    /// <summary>Marks every descriptor opened since <paramref name="before"/> close-on-exec.</summary>
    public static void CloseOnExecSince(HashSet<int> before)
    {
        foreach (int fd in OpenDescriptors())
        {
            if (before.Contains(fd)) continue;
            int flags = Libc.fcntl(fd, Libc.F_GETFD, 0);
            if (flags >= 0 && (flags & Libc.FD_CLOEXEC) == 0) Libc.fcntl(fd, Libc.F_SETFD, flags | Libc.FD_CLOEXEC);
        }
    }

    /// <summary>umount2(2); returns 0 or the errno.</summary>
    public static int Umount(string path, int flags)
    {
        fixed (byte* p = Utf8Z.Encode(path))
            return Libc.umount2(p, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>mount(2) without data; returns 0 or the errno.</summary>
    public static int Mount(string source, string target, string fsType)
    {
        fixed (byte* s = Utf8Z.Encode(source))
        fixed (byte* t = Utf8Z.Encode(target))
        fixed (byte* f = Utf8Z.Encode(fsType))
            return Libc.mount(s, t, f, 0, null) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>stat(2); returns 0 or the errno, and the mode in <paramref name="mode"/>.</summary>
    public static int Stat(string path, out uint mode)
    {
        StatBuf st;
        fixed (byte* p = Utf8Z.Encode(path))
        {
            if (Libc.stat(p, &st) != 0) { mode = 0; return Marshal.GetLastPInvokeError(); }
        }
        mode = st.Mode;
        return 0;
    }

    /// <summary>Opens and closes <paramref name="path"/> read-write; returns 0 or the errno.</summary>
    public static int ProbeOpenReadWrite(string path)
    {
        fixed (byte* p = Utf8Z.Encode(path))
        {
            int fd = Libc.open(p, Libc.O_RDWR | Libc.O_CLOEXEC);
            if (fd < 0) return Marshal.GetLastPInvokeError();
            Libc.close(fd);
            return 0;
        }
    }

    /// <summary>True when the process runs as root.</summary>
    public static bool IsRoot => Libc.geteuid() == 0;

    /// <summary>The text of an errno ("No such file or directory").</summary>
    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
