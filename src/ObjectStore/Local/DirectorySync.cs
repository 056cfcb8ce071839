using System.Runtime.InteropServices;

namespace GatewayFs.ObjectStore;

/// <summary>
/// fsync of a directory, so that a rename into it survives power loss. .NET cannot open a
/// directory as a file, hence libc. On Windows, NTFS journals renames and there is nothing to do.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux x86-64 and arm64

    public static void Sync(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = Open(path, ReadOnly | Directory);
        if (fd < 0) throw new IOException($"cannot open directory '{path}' to sync it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (FSync(fd) != 0) throw new IOException($"fsync of directory '{path}' failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
