using System.Numerics;
using GatewayFs.CacheEngine;

namespace GatewayFs.Volumes.Cached;

/// <summary>Derives CacheEngine settings from the volume's options, scaled so that small caches and journals remain valid.</summary>
internal static class CacheSettings
{
    public static string JournalDirectory(CachedVolumeOptions o) => Path.Combine(o.CacheDirectory, "journal");

    public static string BlocksDirectory(CachedVolumeOptions o) => Path.Combine(o.CacheDirectory, "blocks");

    public static JournalOptions Journal(CachedVolumeOptions o)
    {
        long segment = Math.Clamp((long)BitOperations.RoundUpToPowerOf2((ulong)(o.JournalSizeBytes / 4)) / 2, 4L << 20, 64L << 20);
        return new JournalOptions
        {
            Directory = JournalDirectory(o),
            SizeLimitBytes = o.JournalSizeBytes,
            FullWaitTimeout = o.JournalFullWait,
            SegmentSizeBytes = segment,
        };
    }

    /// <summary>
    /// Memory for blocks being read (read-ahead windows, blocks readers come back to): as
    /// configured, else an eighth of the machine's memory up to 2 GiB; never less than four full
    /// read-ahead windows and room for every read-ahead GET in flight twice.
    /// </summary>
    public static long ReadMemoryBytes(CachedVolumeOptions o)
    {
        long floor = Math.Min(1L << 30, Math.Max(4 * o.ReadAheadMaxBytes, 2L * o.ReadAheadParallelism * BlockMemory.MaxRunBlocks * o.BlockSize));
        if (o.ReadMemoryBytes > 0) return o.ReadMemoryBytes;
        return Math.Max(floor, Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8));
    }

    /// <summary>Largest object fetched whole when read at random: the configured limit, at most half the block cache.</summary>
    public static long RandomReadFillMaxBytes(CachedVolumeOptions o) => Math.Min(o.RandomReadFillMaxBytes, o.CacheSizeBytes / 2);

    public static BlockCacheOptions Blocks(CachedVolumeOptions o)
    {
        // Big caches take CacheEngine's defaults (32-block pages); small ones get the smallest
        // page that holds 4 blocks, so that a cache of a few tens of MiB is still valid.
        bool small = o.CacheSizeBytes < 1L << 30;
        int page = small ? (int)BitOperations.RoundUpToPowerOf2((ulong)(4L * (o.BlockSize + BlockIdentity.MaxLength + 64))) : 0;
        return new BlockCacheOptions
        {
            Directory = BlocksDirectory(o),
            CapacityBytes = o.CacheSizeBytes,
            BlockSize = o.BlockSize,
            PageSizeBytes = page,
            MemoryBytes = small ? 2L * page : 0,
            SegmentSizeBytes = small ? page : 0,
        };
    }
}
