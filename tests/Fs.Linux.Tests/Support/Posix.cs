using System.Runtime.InteropServices;
using System.Text;

namespace GatewayFs.Tests.Fs.Linux.Support;

/// <summary>Plain syscalls for the tests, returning the errno (0 on success) so errno mapping can be checked exactly.</summary>
internal static unsafe partial class Posix
{
    private const string Libc = "libc.so.6";

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenRaw(string path, int flags, int mode);

    [LibraryImport(Libc, EntryPoint = "close")]
    private static partial int CloseRaw(int fd);

    [LibraryImport(Libc, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatRaw(string path, byte* buf);

    [LibraryImport(Libc, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirRaw(string path, int mode);

    [LibraryImport(Libc, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RmdirRaw(string path);

    [LibraryImport(Libc, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkRaw(string from, string to);

    [LibraryImport(Libc, EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MknodRaw(string path, int mode, ulong dev);

    [LibraryImport(Libc, EntryPoint = "setxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetXattrRaw(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Libc, EntryPoint = "getxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetXattrRaw(string path, string name, byte* value, nuint size);

    [LibraryImport(Libc, EntryPoint = "listxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ListXattrRaw(string path, byte* list, nuint size);

    [LibraryImport(Libc, EntryPoint = "removexattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RemoveXattrRaw(string path, string name);

    private static int Err(long rc) => rc < 0 ? Marshal.GetLastPInvokeError() : 0;

    /// <summary>open(2) then close; the errno of the open.</summary>
    public static int Open(string path, int flags, int mode = 0x1A4)
    {
        int fd = OpenRaw(path, flags, mode);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        CloseRaw(fd);
        return 0;
    }

    public static int Stat(string path)
    {
        byte* buf = stackalloc byte[144];
        return Err(StatRaw(path, buf));
    }

    public static int Mkdir(string path, int mode = 0x1ED) => Err(MkdirRaw(path, mode));

    public static int Rmdir(string path) => Err(RmdirRaw(path));

    public static int Link(string from, string to) => Err(LinkRaw(from, to));

    public static int Mknod(string path, int mode) => Err(MknodRaw(path, mode, 0));

    public static int SetXattr(string path, string name, byte[] value, int flags = 0)
    {
        fixed (byte* v = value) return Err(SetXattrRaw(path, name, v, (nuint)value.Length, flags));
    }

    public static int RemoveXattr(string path, string name) => Err(RemoveXattrRaw(path, name));

    /// <summary>getxattr(2) with a buffer of <paramref name="size"/> bytes: (errno, value or size).</summary>
    public static (int Errno, byte[] Value, long Size) GetXattr(string path, string name, int size)
    {
        var buf = new byte[size];
        fixed (byte* b = buf)
        {
            long n = GetXattrRaw(path, name, size == 0 ? null : b, (nuint)size);
            return n < 0 ? (Marshal.GetLastPInvokeError(), [], -1) : (0, buf.AsSpan(0, size == 0 ? 0 : (int)n).ToArray(), n);
        }
    }

    /// <summary>listxattr(2): the names, or the errno.</summary>
    public static (int Errno, string[] Names) ListXattr(string path)
    {
        var buf = new byte[4096];
        fixed (byte* b = buf)
        {
            long n = ListXattrRaw(path, b, (nuint)buf.Length);
            if (n < 0) return (Marshal.GetLastPInvokeError(), []);
            return (0, Encoding.UTF8.GetString(buf, 0, (int)n).Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
