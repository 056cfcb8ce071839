using GatewayFs.CacheEngine;
using Xunit;

namespace GatewayFs.Tests.CacheEngine.Blocks;

public sealed class BlockCacheTests : ScratchTest
{
    private const int Block = 64 << 10;

    internal BlockCacheOptions Options(long capacity = 32L << 20, double secondChance = 0.5, int blockSize = Block) => new()
    {
        Directory = Dir.Sub("cache"),
        CapacityBytes = capacity,
        BlockSize = blockSize,
        PageSizeBytes = 1 << 20,
        MemoryBytes = 4L << 20,
        SegmentSizeBytes = 2L << 20,
        SecondChanceFraction = secondChance,
        WriteQueueBytes = 8L << 20,
    };

    [Fact]
    public async Task A_written_block_reads_back_and_other_blocks_miss()
    {
        await using var cache = await FasterBlockCache.OpenAsync(Options());
        var id = BlockIdentity.ForObject("dir/file", "\"etag1\"");
        var data = RandomBytes.Of(Block, 1);
        await cache.WriteAsync(id, 3, data);
        var dest = new byte[Block];
        Assert.Equal(Block, await cache.TryReadAsync(id, 3, dest));
        Assert.Equal(data, dest);
        await cache.FlushAsync();
        Array.Clear(dest);
        Assert.Equal(Block, await cache.TryReadAsync(id, 3, dest));
        Assert.Equal(data, dest);
        Assert.Equal(-1, await cache.TryReadAsync(id, 4, dest));
        Assert.Equal(-1, await cache.TryReadAsync(BlockIdentity.ForObject("dir/file", "\"etag2\""), 3, dest));
        var s = cache.Stats;
        Assert.Equal(2, s.Hits);
        Assert.Equal(2, s.Misses);
    }

    [Fact]
    public async Task A_short_last_block_keeps_its_length()
    {
        await using var cache = await FasterBlockCache.OpenAsync(Options());
        var id = BlockIdentity.FromString("short");
        var data = RandomBytes.Of(1234, 2);
        await cache.WriteAsync(id, 0, data);
        await cache.FlushAsync();
        var dest = new byte[Block];
        Assert.Equal(1234, await cache.TryReadAsync(id, 0, dest));
        Assert.Equal(data, dest[..1234]);
    }

    [Fact]
    public async Task Blocks_evicted_from_memory_are_read_from_disk_with_one_io()
    {
        await using var cache = await FasterBlockCache.OpenAsync(Options());
        var id = BlockIdentity.FromString("big");
        for (int i = 0; i < 200; i++) await cache.WriteAsync(id, i, RandomBytes.Of(Block, i));
        await cache.FlushAsync();
        var dest = new byte[Block];
        long before = cache.DeviceReads;
        Assert.Equal(Block, await cache.TryReadAsync(id, 5, dest));
        Assert.Equal(RandomBytes.Of(Block, 5), dest);
        Assert.Equal(1, cache.DeviceReads - before);
    }

    [Fact]
    public async Task The_log_stays_within_capacity_plus_a_segment()
    {
        var options = Options(capacity: 8L << 20);
        await using var cache = await FasterBlockCache.OpenAsync(options);
        var id = BlockIdentity.FromString("stream");
        for (int i = 0; i < 600; i++) await cache.WriteAsync(id, i, RandomBytes.Of(Block, i));
        await cache.FlushAsync();
        // Segment deletion runs asynchronously after the begin address moves: allow it a moment.
        long onDisk = long.MaxValue;
        for (int i = 0; i < 100 && onDisk > options.CapacityBytes + options.SegmentSizeBytes; i++)
        {
            if (i > 0) await Task.Delay(50);
            onDisk = Directory.EnumerateFiles(options.Directory, "cache.log.*").Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);
        }
        Assert.True(onDisk <= options.CapacityBytes + options.SegmentSizeBytes, $"on disk {onDisk}");
        Assert.True(cache.Stats.UsedBytes <= options.CapacityBytes);
        Assert.True(cache.Stats.Evictions > 0);
        var dest = new byte[Block];
        Assert.Equal(-1, await cache.TryReadAsync(id, 0, dest));
        Assert.Equal(Block, await cache.TryReadAsync(id, 599, dest));
        Assert.Equal(RandomBytes.Of(Block, 599), dest);
    }

    [Fact]
    public async Task Invalidate_drops_the_blocks_of_an_identity()
    {
        await using var cache = await FasterBlockCache.OpenAsync(Options());
        var id = BlockIdentity.FromString("inv");
        for (int i = 0; i < 4; i++) await cache.WriteAsync(id, i, RandomBytes.Of(Block, i));
        await cache.FlushAsync();
        await cache.InvalidateAsync(id, 4);
        var dest = new byte[Block];
        for (int i = 0; i < 4; i++) Assert.Equal(-1, await cache.TryReadAsync(id, i, dest));
    }
}
