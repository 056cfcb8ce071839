namespace GatewayFs.Volumes;

/// <summary>Counters of one volume, named after what `gatewayfs status` and the metrics show.</summary>
public sealed record VolumeStatus
{
    /// <summary>cached, stored or tape.</summary>
    public required string Kind { get; init; }
    /// <summary>Where the data goes, e.g. <c>s3://bucket/prefix @ endpoint</c>.</summary>
    public required string Target { get; init; }
    /// <summary>Acknowledged bytes not yet in the object store.</summary>
    public long DirtyBytes { get; init; }
    /// <summary>Files with acknowledged changes not yet in the object store.</summary>
    public int DirtyFiles { get; init; }
    /// <summary>Bytes the journal may hold before writers wait.</summary>
    public long JournalSizeBytes { get; init; }
    /// <summary>Bytes of clean data in the block cache.</summary>
    public long CacheUsedBytes { get; init; }
    /// <summary>Configured block cache size.</summary>
    public long CacheSizeBytes { get; init; }
    /// <summary>Block cache hits since start.</summary>
    public long CacheHits { get; init; }
    /// <summary>Block cache misses since start.</summary>
    public long CacheMisses { get; init; }
    /// <summary>Uploads waiting or running.</summary>
    public int UploadQueueLength { get; init; }
    /// <summary>Recent upload rate.</summary>
    public double UploadBytesPerSecond { get; init; }
    /// <summary>Bytes written to the object store since start.</summary>
    public long CloudBytesUploaded { get; init; }
    /// <summary>Bytes read from the object store since start.</summary>
    public long CloudBytesDownloaded { get; init; }
    /// <summary>Whether the last request to the object store succeeded.</summary>
    public bool StoreReachable { get; init; }
    /// <summary>The last error, one line, with when it happened; null when none.</summary>
    public string? LastError { get; init; }
    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Files waiting for upload with their state and last error (the oldest first; may be truncated to the first 100).</summary>
    public IReadOnlyList<PendingUpload> Pending { get; init; } = [];

    /// <summary>Hit percentage (0–100), 0 when nothing was read.</summary>
    public double CacheHitPercent => CacheHits + CacheMisses == 0 ? 0 : 100.0 * CacheHits / (CacheHits + CacheMisses);
}
