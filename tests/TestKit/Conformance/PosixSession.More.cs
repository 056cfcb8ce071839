using System.Runtime.CompilerServices;
using GatewayFs.Fs;
using GatewayFs.TestKit.Posix;
using static GatewayFs.TestKit.Posix.Libc;

namespace GatewayFs.TestKit.Conformance;

public sealed partial class PosixSession
{
    /// <inheritdoc />
    public async IAsyncEnumerable<string> ReadDirAsync(string path)
    {
        string p = Host(path);
        nint dir = Opendir(p);
        if (dir == 0) throw Errno.Last("opendir", p);
        try
        {
            while (NextName(dir, p) is { } name)
                yield return name;
        }
        finally { Closedir(dir); }
    }

    private static unsafe string? NextName(nint dir, string path)
    {
        var entry = Readdir(dir);
        if (entry != null) return DirentName(entry);
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == 0 ? null : throw Errno.Last("readdir", path);
    }

    /// <inheritdoc />
    public unsafe ValueTask<byte[]> GetXattrAsync(string path, string name)
    {
        string p = Host(path);
        while (true)
        {
            long size = Errno.Check(Getxattr(p, name, null, 0), "getxattr", p);
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                long n = Getxattr(p, name, b, buffer.Length);
                if (n >= 0) return new(buffer[..(int)n]);
                var error = Errno.Last("getxattr", p);
                if (error.Error != FsError.Range) throw error; // grew meanwhile: ask again
            }
        }
    }

    /// <inheritdoc />
    public unsafe ValueTask SetXattrAsync(string path, string name, byte[] value, XattrFlags flags = XattrFlags.None)
    {
        string p = Host(path);
        fixed (byte* b = value)
            return Run(Setxattr(p, name, b, value.Length, (int)flags), "setxattr", path);
    }

    /// <inheritdoc />
    public unsafe ValueTask<IReadOnlyList<string>> ListXattrAsync(string path)
    {
        string p = Host(path);
        long size = Errno.Check(Listxattr(p, null, 0), "listxattr", p);
        var buffer = new byte[Math.Max(size, 1)];
        fixed (byte* b = buffer)
        {
            long n = Errno.Check(Listxattr(p, b, buffer.Length), "listxattr", p);
            var names = System.Text.Encoding.UTF8.GetString(buffer, 0, (int)n)
                .Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return new(names);
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveXattrAsync(string path, string name) => Run(Removexattr(Host(path), name), "removexattr", path);
}
