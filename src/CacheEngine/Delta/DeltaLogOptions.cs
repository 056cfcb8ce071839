namespace GatewayFs.CacheEngine;

/// <summary>Settings of the delta log.</summary>
public sealed record DeltaLogOptions
{
    /// <summary>Directory of the delta log's files (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Disk bytes the log may occupy; one record is about 80 bytes per changed block per epoch.</summary>
    public long SizeLimitBytes { get; init; } = 1L << 30;

    /// <summary>How long a change waits for space before failing (snapshots free space).</summary>
    public TimeSpan FullWaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal JournalOptions ToJournalOptions() => new()
    {
        Directory = Directory,
        SizeLimitBytes = SizeLimitBytes,
        FullWaitTimeout = FullWaitTimeout,
        PageSizeBytes = 1 << 20,
        MemoryBytes = 8L << 20,
        SegmentSizeBytes = Math.Min(64L << 20, Math.Max(1L << 20, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, SizeLimitBytes / 8)) / 2)),
        IoThreads = 2,
    };
}
