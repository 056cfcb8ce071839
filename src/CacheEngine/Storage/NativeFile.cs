using System.Runtime.InteropServices;

namespace GatewayFs.CacheEngine.Storage;

/// <summary>
/// The few POSIX calls the devices need and .NET does not expose: O_DIRECT/O_DSYNC opens,
/// pread/pwrite on raw descriptors, fdatasync and directory fsync.
/// </summary>
internal static partial class NativeFile
{
    internal const int ORdWr = 0x2;
    internal const int ORdOnly = 0x0;
    internal const int OCreat = 0x40;
    internal const int ODSync = 0x1000;
    internal const int ODirect = 0x4000;
    internal const int ODirectory = 0x10000;
    internal const int OCloExec = 0x80000;
    private const int EIntr = 4;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenRaw(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(int fd, byte* buf, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static unsafe partial nint PWrite(int fd, byte* buf, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSyncRaw(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSyncRaw(int fd);

    /// <summary>Opens a file and returns its descriptor, or throws IOException with the errno text.</summary>
    internal static int Open(string path, int flags, int mode = 0x1A4 /* 0644 */)
    {
        while (true)
        {
            int fd = OpenRaw(path, flags | OCloExec, mode);
            if (fd >= 0) return fd;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr) continue;
            throw new IOException($"open({path}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>Reads exactly count bytes unless end of file; returns the bytes read or -errno.</summary>
    internal static unsafe long ReadFully(int fd, byte* buf, long count, long offset)
    {
        long done = 0;
        while (done < count)
        {
            nint n = PRead(fd, buf + done, (nuint)(count - done), offset + done);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EIntr) continue;
                return -errno;
            }
            if (n == 0) break;
            done += n;
        }
        return done;
    }

    /// <summary>Writes all count bytes; returns count or -errno.</summary>
    internal static unsafe long WriteFully(int fd, byte* buf, long count, long offset)
    {
        long done = 0;
        while (done < count)
        {
            nint n = PWrite(fd, buf + done, (nuint)(count - done), offset + done);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EIntr) continue;
                return -errno;
            }
            done += n;
        }
        return done;
    }

    /// <summary>fsync(2), throwing IOException on failure.</summary>
    internal static void FSync(int fd, string what)
    {
        while (FSyncRaw(fd) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr) continue;
            throw new IOException($"fsync({what}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>fdatasync(2), throwing IOException on failure.</summary>
    internal static void FDataSync(int fd, string what)
    {
        while (FDataSyncRaw(fd) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr) continue;
            throw new IOException($"fdatasync({what}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>
    /// Makes a directory entry change (file created, renamed or removed) durable: without it a
    /// power cut can lose a whole new segment file even though its data blocks were synced.
    /// </summary>
    internal static void FSyncDirectory(string directory)
    {
        int fd = Open(directory, ORdOnly | ODirectory);
        try { FSync(fd, directory); }
        finally { Close(fd); }
    }

    /// <summary>Writes a small file atomically and durably: temp file, fsync, rename, fsync directory.</summary>
    internal static void WriteFileDurably(string path, ReadOnlySpan<byte> contents)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            fs.Write(contents);
            fs.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
        FSyncDirectory(dir);
    }
}
