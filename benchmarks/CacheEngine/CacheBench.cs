using System.Diagnostics;
using GatewayFs.CacheEngine;

namespace GatewayFs.Bench.CacheEngine;

/// <summary>Block cache: misses landing on disk (fill), then hits read back from disk.</summary>
public static class CacheBench
{
    public sealed record Result(int BlockSize, long Bytes, double FillMBps, double HitMBps1, double HitMBps4, double MemoryHitMBps, long DiskReadsPerHit1000, double FillCpuUsPerMiB, double HitCpuUsPerMiB);

    public static BlockCacheOptions Options(string dir, int blockSize, long capacity) => new()
    {
        Directory = dir,
        BlockSize = blockSize,
        CapacityBytes = capacity,
        KeepAcrossRestarts = false,
    };

    public static async Task<Result> RunAsync(string dir, int blockSize, long bytes)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        // Capacity 4x the data: the log is far from full, so no hit lands in the second-chance
        // zone and this measures the read path alone (copies are measured by the hot-set test).
        var options = Options(dir, blockSize, 4 * bytes);
        await using var cache = await FasterBlockCache.OpenAsync(options);
        var id = BlockIdentity.ForObject("bench/object", "\"etag\"");
        int blocks = (int)(bytes / blockSize);
        var data = new byte[blockSize];
        new Random(1).NextBytes(data);

        var cpu = Cpu.Start();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < blocks; i++) await cache.WriteAsync(id, i, data);
        await cache.FlushAsync();
        double fill = bytes / sw.Elapsed.TotalSeconds / 1e6;
        double fillCpu = cpu.MicrosecondsPer(bytes);

        // Blocks still in the log's memory would flatter the disk numbers: read only older ones.
        int inMemory = (int)(2 * options.EffectiveMemory / blockSize) + 1;
        int onDisk = Math.Max(1, blocks - inMemory);
        RawDisk.DropCaches();
        long readsBefore = cache.DeviceReads;
        cpu = Cpu.Start();
        double hit1 = await ReadAsync(cache, id, 0, onDisk, 1, blockSize);
        double hitCpu = cpu.MicrosecondsPer((long)onDisk * blockSize);
        long reads = cache.DeviceReads - readsBefore;
        double hit4 = await ReadAsync(cache, id, 0, onDisk, 4, blockSize);
        double memory = await ReadAsync(cache, id, blocks - Math.Min(blocks, inMemory / 4), blocks, 1, blockSize);
        return new Result(blockSize, bytes, fill, hit1, hit4, memory, reads * 1000 / onDisk, fillCpu, hitCpu);
    }

    private static async Task<double> ReadAsync(IBlockCache cache, BlockIdentity id, int from, int to, int readers, int blockSize)
    {
        long bytes = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var dest = new byte[blockSize];
            for (int i = from + r; i < to; i += readers)
            {
                int n = await cache.TryReadAsync(id, i, dest);
                if (n != blockSize) throw new InvalidOperationException($"block {i} missed ({n}) in the hit benchmark");
                Interlocked.Add(ref bytes, n);
            }
        })));
        return bytes / sw.Elapsed.TotalSeconds / 1e6;
    }
}
