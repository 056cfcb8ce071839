namespace GatewayFs.CacheEngine;

/// <summary>Block cache counters (since open) and current sizes.</summary>
public sealed record BlockCacheStats(
    long Hits,
    long Misses,
    long Writes,
    long WritesDropped,
    long Evictions,
    long EvictedBytes,
    long CorruptDropped,
    long SecondChanceCopies,
    long ReadErrors,
    long UsedBytes,
    long CapacityBytes,
    bool StartedWarm)
{
    /// <summary>Hits over lookups, 0 when there were none.</summary>
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
