using GatewayFs.CacheEngine;
using Xunit;
using Xunit.Abstractions;

namespace GatewayFs.Tests.CacheEngine.Blocks;

/// <summary>
/// A hot set whose blocks are each read again after about ⅔ of a cache's worth of writes:
/// plain FIFO (age counted from the write) evicts each hot block every other read; second
/// chance (a hit in the old half is copied to the tail, so age counts from the last use) keeps
/// them all, copies included.
/// </summary>
public sealed class HotSetTests : ScratchTest
{
    private const int Block = 64 << 10;

    public HotSetTests(ITestOutputHelper output) : base(output) { }

    private async Task<double> HotHitRateAsync(double secondChance)
    {
        var options = new BlockCacheOptions
        {
            Directory = Dir.Sub("cache" + secondChance),
            CapacityBytes = 8L << 20,
            BlockSize = Block,
            PageSizeBytes = 1 << 20,
            MemoryBytes = 4L << 20,
            SegmentSizeBytes = 1L << 20,
            SecondChanceFraction = secondChance,
        };
        await using var cache = await FasterBlockCache.OpenAsync(options);
        var hot = BlockIdentity.FromString("hot");
        var cold = BlockIdentity.FromString("cold");
        var dest = new byte[Block];
        const int hotBlocks = 16, coldPerHotRead = 4;
        for (int h = 0; h < hotBlocks; h++) await cache.WriteAsync(hot, h, RandomBytes.Of(Block, h));
        int hits = 0, reads = 0;
        for (int i = 0; i < 2400; i++)
        {
            await cache.WriteAsync(cold, i, RandomBytes.Of(Block, 1000 + (i % 50)));
            if (i % coldPerHotRead != coldPerHotRead - 1) continue;
            await cache.FlushAsync();
            int h = (i / coldPerHotRead) % hotBlocks;
            int n = await cache.TryReadAsync(hot, h, dest);
            reads++;
            if (n == Block) { hits++; Assert.Equal(RandomBytes.Of(Block, h), dest); }
            else await cache.WriteAsync(hot, h, RandomBytes.Of(Block, h));
        }
        Output!.WriteLine($"second chance {secondChance}: hot hit rate {hits}/{reads}, stats {cache.Stats}");
        return (double)hits / reads;
    }

    [Fact]
    public async Task Second_chance_keeps_a_hot_set_that_fifo_loses()
    {
        double fifo = await HotHitRateAsync(0);
        double secondChance = await HotHitRateAsync(0.5);
        Assert.True(secondChance >= 0.9, $"second chance kept only {secondChance:P0} of hot reads");
        Assert.True(secondChance > fifo + 0.3, $"second chance {secondChance:P0} vs FIFO {fifo:P0}");
    }
}
