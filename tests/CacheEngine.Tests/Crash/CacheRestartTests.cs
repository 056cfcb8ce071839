using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Crash;

/// <summary>
/// A restart never serves stale or foreign bytes: warm only after a clean close with the same
/// layout, cold after a crash or a changed block size, and damaged records are dropped.
/// </summary>
public sealed class CacheRestartTests : ScratchTest
{
    private static async Task FillAsync(IBlockCache cache, int generation, int count)
    {
        for (int i = 0; i < count; i++) await cache.WriteAsync(CacheCrashChild.Identity(generation), i, CacheCrashChild.Content(generation, i));
        await cache.FlushAsync();
    }

    /// <summary>Every block reads back exactly or misses; returns the number of hits.</summary>
    private static async Task<int> CheckAsync(IBlockCache cache, int generation, int count)
    {
        int hits = 0;
        var dest = new byte[cache.BlockSize];
        for (int i = 0; i < count; i++)
        {
            int n = await cache.TryReadAsync(CacheCrashChild.Identity(generation), i, dest);
            if (n < 0) continue;
            Assert.Equal(CacheCrashChild.Content(generation, i), dest[..n]);
            hits++;
        }
        return hits;
    }

    [Fact]
    public async Task A_clean_close_reopens_warm_with_the_same_bytes()
    {
        string dir = Dir.Sub("cache");
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
        {
            Assert.False(cache.StartedWarm);
            await FillAsync(cache, 1, 150);
        }
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
        {
            Assert.True(cache.StartedWarm);
            Assert.Equal(150, await CheckAsync(cache, 1, 150));
        }
    }

    [Fact]
    public async Task Another_block_size_starts_cold()
    {
        string dir = Dir.Sub("cache");
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
            await FillAsync(cache, 1, 20);
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir, blockSize: 32 << 10)))
        {
            Assert.False(cache.StartedWarm);
            var dest = new byte[64 << 10];
            for (int i = 0; i < 20; i++) Assert.Equal(-1, await cache.TryReadAsync(CacheCrashChild.Identity(1), i, dest));
        }
    }

    [Fact]
    public async Task Damaged_records_are_dropped_never_served()
    {
        string dir = Dir.Sub("cache");
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
            await FillAsync(cache, 1, 150);
        // Flip bytes all over the stored blocks (not the headers FASTER needs to walk the log).
        var rng = new Random(5);
        foreach (var segment in Directory.GetFiles(dir, "cache.log.*"))
        {
            using var fs = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite);
            for (int k = 0; k < 40 && fs.Length > 0; k++)
            {
                fs.Position = rng.NextInt64(0, fs.Length);
                int b = fs.ReadByte();
                fs.Position--;
                fs.WriteByte((byte)(b ^ 0x5A));
            }
        }
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
        {
            Assert.True(cache.StartedWarm);
            int hits = await CheckAsync(cache, 1, 150);
            Assert.True(cache.Stats.CorruptDropped > 0, "no damaged record was detected");
            Assert.True(hits < 150);
            // Dropped means deleted: the next read is a plain miss.
            Assert.True(await CheckAsync(cache, 1, 150) <= hits);
        }
    }

    [Fact]
    public async Task A_crash_after_a_warm_start_means_a_cold_start()
    {
        string dir = Dir.Sub("cache");
        await using (var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir)))
            await FillAsync(cache, 1, 100);
        for (int i = 0; i < 3; i++)
        {
            using (var child = new ChildProcess("cache-child", dir))
            {
                await child.WaitForLineAsync("READY", TimeSpan.FromSeconds(30));
                Assert.Contains(i == 0 ? "WARM" : "COLD", child.Lines);
                await Task.Delay(300 + 200 * i);
                child.KillHard();
            }
            await using var cache = await FasterBlockCache.OpenAsync(CacheCrashChild.Options(dir));
            Assert.False(cache.StartedWarm);
            Assert.Equal(0, await CheckAsync(cache, 1, 100));
            Assert.Equal(0, await CheckAsync(cache, 2, 500));
            cache.Dispose(); // no clean checkpoint: the child opens cold next time
        }
    }
}
