using System.Runtime.InteropServices;
using System.Text;

namespace GatewayFs.Tests.Fs.Linux.Support;

/// <summary>
/// Syscalls on paths and names given as bytes, so that names which are not UTF-8 reach the
/// kernel unchanged (a .NET string cannot hold them). Each returns the errno, 0 on success.
/// </summary>
internal static partial class RawPath
{
    private const string Libc = "libc.so.6";

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true)]
    private static partial int OpenRaw(byte[] path, int flags, int mode);

    [LibraryImport(Libc, EntryPoint = "close")]
    private static partial int CloseRaw(int fd);

    [LibraryImport(Libc, EntryPoint = "stat", SetLastError = true)]
    private static partial int StatRaw(byte[] path, byte[] buf);

    [LibraryImport(Libc, EntryPoint = "mkdir", SetLastError = true)]
    private static partial int MkdirRaw(byte[] path, int mode);

    [LibraryImport(Libc, EntryPoint = "mknod", SetLastError = true)]
    private static partial int MknodRaw(byte[] path, int mode, ulong dev);

    [LibraryImport(Libc, EntryPoint = "rmdir", SetLastError = true)]
    private static partial int RmdirRaw(byte[] path);

    [LibraryImport(Libc, EntryPoint = "unlink", SetLastError = true)]
    private static partial int UnlinkRaw(byte[] path);

    [LibraryImport(Libc, EntryPoint = "symlink", SetLastError = true)]
    private static partial int SymlinkRaw(byte[] target, byte[] path);

    [LibraryImport(Libc, EntryPoint = "link", SetLastError = true)]
    private static partial int LinkRaw(byte[] existing, byte[] path);

    [LibraryImport(Libc, EntryPoint = "rename", SetLastError = true)]
    private static partial int RenameRaw(byte[] from, byte[] to);

    [LibraryImport(Libc, EntryPoint = "setxattr", SetLastError = true)]
    private static partial int SetXattrRaw(byte[] path, byte[] name, byte[] value, nuint size, int flags);

    [LibraryImport(Libc, EntryPoint = "getxattr", SetLastError = true)]
    private static partial nint GetXattrRaw(byte[] path, byte[] name, byte[] value, nuint size);

    [LibraryImport(Libc, EntryPoint = "removexattr", SetLastError = true)]
    private static partial int RemoveXattrRaw(byte[] path, byte[] name);

    /// <summary><paramref name="dir"/> + "/" + <paramref name="name"/> as NUL-terminated bytes.</summary>
    public static byte[] Join(string dir, ReadOnlySpan<byte> name) => [.. Encoding.UTF8.GetBytes(dir + "/"), .. name, 0];

    /// <summary><paramref name="s"/> as NUL-terminated bytes.</summary>
    public static byte[] Z(ReadOnlySpan<byte> s) => [.. s, 0];

    private static int Err(long rc) => rc < 0 ? Marshal.GetLastPInvokeError() : 0;

    public static int Create(byte[] path)
    {
        int fd = OpenRaw(path, Posix.O_CREAT | Posix.O_WRONLY, 0x1A4);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        CloseRaw(fd);
        return 0;
    }

    public static int Stat(byte[] path) => Err(StatRaw(path, new byte[144]));

    public static int Mkdir(byte[] path) => Err(MkdirRaw(path, 0x1ED));

    public static int MknodRegular(byte[] path) => Err(MknodRaw(path, 0x8000 | 0x1A4, 0));

    public static int Rmdir(byte[] path) => Err(RmdirRaw(path));

    public static int Unlink(byte[] path) => Err(UnlinkRaw(path));

    public static int Symlink(byte[] target, byte[] path) => Err(SymlinkRaw(target, path));

    public static int Link(byte[] existing, byte[] path) => Err(LinkRaw(existing, path));

    public static int Rename(byte[] from, byte[] to) => Err(RenameRaw(from, to));

    public static int SetXattr(byte[] path, byte[] name) => Err(SetXattrRaw(path, name, [1], 1, 0));

    public static int GetXattr(byte[] path, byte[] name) => Err(GetXattrRaw(path, name, new byte[64], 64));

    public static int RemoveXattr(byte[] path, byte[] name) => Err(RemoveXattrRaw(path, name));
}
