using GatewayFs.CacheEngine;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>Child side of the cache crash test: says whether it opened warm, then fills and reads blocks until killed.</summary>
public static class CacheCrashChild
{
    public const int Block = 64 << 10;

    public static BlockCacheOptions Options(string dir, int blockSize = Block) => new()
    {
        Directory = dir,
        CapacityBytes = 16L << 20,
        BlockSize = blockSize,
        PageSizeBytes = 1 << 20,
        MemoryBytes = 4L << 20,
        SegmentSizeBytes = 2L << 20,
        WriteQueueBytes = 4L << 20,
    };

    public static BlockIdentity Identity(int generation) => BlockIdentity.ForObject("crash/object", "etag-" + generation);

    /// <summary>Block i of generation g: self-describing, short for every third block.</summary>
    public static byte[] Content(int generation, long index) => CrashContent.Make(generation * 1_000_000L + index, Block - (index % 3 == 0 ? 1000 : 0));

    public static async Task RunAsync(string dir, TextWriter output)
    {
        await using var cache = await FasterBlockCache.OpenAsync(Options(dir));
        output.WriteLine((cache.StartedWarm ? "WARM" : "COLD") + " $");
        output.WriteLine("READY $");
        var rng = new Random();
        var dest = new byte[Block];
        for (long i = 0; ; i++)
        {
            await cache.WriteAsync(Identity(2), i % 500, Content(2, i % 500));
            int n = await cache.TryReadAsync(Identity(2), rng.Next(0, 500), dest);
            if (n == 0) throw new InvalidOperationException("empty block");
        }
    }
}
