using System.Diagnostics;
using GatewayFs.CacheEngine.Storage;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>The disk itself, through the same O_DIRECT/O_DSYNC calls the devices use.</summary>
public static unsafe class RawDisk
{
    /// <summary>Sequential O_DIRECT write of size bytes in chunk-sized writes, then fdatasync; MB/s.</summary>
    public static double SequentialWrite(string path, long size, int chunk)
    {
        using var buf = new Aligned(chunk);
        int fd = NativeFile.Open(path, NativeFile.ORdWr | NativeFile.OCreat | NativeFile.ODirect);
        try
        {
            var sw = Stopwatch.StartNew();
            for (long off = 0; off < size; off += chunk) Check(NativeFile.WriteFully(fd, buf.Pointer, chunk, off));
            NativeFile.FDataSync(fd, path);
            return size / sw.Elapsed.TotalSeconds / 1e6;
        }
        finally { NativeFile.Close(fd); }
    }

    /// <summary>O_DIRECT reads of the whole file in chunk-sized reads by `readers` threads, each its own interleaved share; MB/s.</summary>
    public static double SequentialRead(string path, int chunk, int readers)
    {
        long size = new FileInfo(path).Length;
        int fd = NativeFile.Open(path, NativeFile.ORdOnly | NativeFile.ODirect);
        try
        {
            var sw = Stopwatch.StartNew();
            Parallel.For(0, readers, new ParallelOptions { MaxDegreeOfParallelism = readers }, r =>
            {
                using var buf = new Aligned(chunk);
                for (long off = (long)r * chunk; off + chunk <= size; off += (long)chunk * readers)
                    Check(NativeFile.ReadFully(fd, buf.Pointer, chunk, off));
            });
            return size / sw.Elapsed.TotalSeconds / 1e6;
        }
        finally { NativeFile.Close(fd); }
    }

    /// <summary>4 KiB O_DIRECT|O_DSYNC writes: appending (the file grows) or rewriting one block.</summary>
    public static Percentiles DSyncWrites(string path, int count, bool append)
    {
        using var buf = new Aligned(4096);
        File.Delete(path);
        int fd = NativeFile.Open(path, NativeFile.ORdWr | NativeFile.OCreat | NativeFile.ODirect | NativeFile.ODSync);
        var p = new Percentiles();
        try
        {
            for (int i = 0; i < count; i++)
            {
                long t = Stopwatch.GetTimestamp();
                Check(NativeFile.WriteFully(fd, buf.Pointer, 4096, append ? i * 4096L : 0));
                p.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            }
            return p;
        }
        finally { NativeFile.Close(fd); }
    }

    /// <summary>Sequential O_DIRECT|O_DSYNC appends of chunk bytes (each durable before the next): MB/s.</summary>
    public static double DSyncSequential(string path, long size, int chunk)
    {
        using var buf = new Aligned(chunk);
        File.Delete(path);
        int fd = NativeFile.Open(path, NativeFile.ORdWr | NativeFile.OCreat | NativeFile.ODirect | NativeFile.ODSync);
        try
        {
            var sw = Stopwatch.StartNew();
            for (long off = 0; off < size; off += chunk) Check(NativeFile.WriteFully(fd, buf.Pointer, chunk, off));
            return size / sw.Elapsed.TotalSeconds / 1e6;
        }
        finally { NativeFile.Close(fd); File.Delete(path); }
    }

    /// <summary>Empties the kernel page cache (root only; O_DIRECT does not need it, buffered reads do).</summary>
    public static void DropCaches()
    {
        try { File.WriteAllText("/proc/sys/vm/drop_caches", "3"); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { Console.Error.WriteLine($"bench: cannot drop caches ({e.Message})"); }
    }

    private static void Check(long result)
    {
        if (result < 0) throw new IOException($"raw disk I/O failed: errno {-result}");
    }
}
