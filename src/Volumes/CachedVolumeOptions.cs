using GatewayFs.ObjectStore;

namespace GatewayFs.Volumes;

/// <summary>
/// Everything one cached volume needs to know. Immutable; each volume gets its own copy, so
/// two mounts in one process never share settings.
/// </summary>
public sealed record CachedVolumeOptions
{
    /// <summary>Where the files live (S3 bucket or local directory store). The volume does not dispose it.</summary>
    public required IObjectStore Store { get; init; }

    /// <summary>Key prefix inside the bucket, empty for the whole bucket; a trailing '/' is added when missing.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Directory for the block cache and the write-back journal (one mount at a time).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Disk space for clean cached blocks.</summary>
    public long CacheSizeBytes { get; init; } = 4L << 30;

    /// <summary>Dirty bytes the journal may hold before writers wait and then get ENOSPC.</summary>
    public long JournalSizeBytes { get; init; } = 2L << 30;

    /// <summary>Cache block size: the unit of ranged GETs and cached data.</summary>
    public int BlockSize { get; init; } = 1 << 20;

    /// <summary>How long after the last close a file is uploaded.</summary>
    public TimeSpan WriteBackDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Refuse every change with EROFS.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Owner of objects that carry none.</summary>
    public uint Uid { get; init; }

    /// <summary>Group of objects that carry none.</summary>
    public uint Gid { get; init; }

    /// <summary>Permission bits of files that carry none.</summary>
    public uint FileMode { get; init; } = Convert.ToUInt32("644", 8);

    /// <summary>Permission bits of directories that carry none.</summary>
    public uint DirMode { get; init; } = Convert.ToUInt32("755", 8);

    /// <summary>How long metadata and listings are trusted before the store is asked again.</summary>
    public TimeSpan MetadataTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a read that needs the store may take before it fails with EIO.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a namespace change that needs the store (mkdir, unlink, rename of uploaded objects) may take before EIO.</summary>
    public TimeSpan StoreOpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest read-ahead window in bytes for sequential readers.</summary>
    public long ReadAheadMaxBytes { get; init; } = 64L << 20;

    /// <summary>Most ranged GETs one read-ahead window runs at a time.</summary>
    public int ReadAheadParallelism { get; init; } = 8;

    /// <summary>
    /// Memory in bytes for blocks being read (read-ahead windows, blocks readers come back to);
    /// 0 picks an eighth of the machine's memory, at most 2 GiB.
    /// </summary>
    public long ReadMemoryBytes { get; init; }

    /// <summary>
    /// An object read at random (many reads on one handle that do not follow each other) is
    /// fetched whole in the background, in large ranged GETs, when it is no larger than this and
    /// than half the block cache, so that later reads hit the cache; 0 turns this off.
    /// </summary>
    public long RandomReadFillMaxBytes { get; init; } = 4L << 30;

    /// <summary>Files larger than this go up as multipart uploads.</summary>
    public long MultipartThresholdBytes { get; init; } = 16L << 20;

    /// <summary>Multipart part size (grown for huge files so that at most the server's part limit is used).</summary>
    public long PartSizeBytes { get; init; } = 8L << 20;

    /// <summary>Files uploaded at the same time.</summary>
    public int UploadConcurrency { get; init; } = 8;

    /// <summary>Parts of one multipart upload sent at the same time.</summary>
    public int PartConcurrency { get; init; } = 4;

    /// <summary>How long writers wait for journal space before they get ENOSPC.</summary>
    public TimeSpan JournalFullWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest pause between retries of a failing upload.</summary>
    public TimeSpan MaxUploadBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Shown as the mount source, e.g. <c>gatewayfs:bucket/prefix</c>; defaults to the store description.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The prefix with exactly one trailing '/', or empty.</summary>
    public string NormalizedPrefix =>
        Prefix.Trim('/') is { Length: > 0 } p ? p + "/" : "";

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for the first bad setting.</summary>
    public void Validate()
    {
        static void Fail(string msg) => throw new ArgumentException(msg);
        if (string.IsNullOrWhiteSpace(CacheDirectory)) Fail("cache directory is empty: pass --cache-dir DIR");
        if (BlockSize < 4096 || (BlockSize & (BlockSize - 1)) != 0 || BlockSize > 16 << 20)
            Fail($"block size {BlockSize} is invalid: use a power of two between 4 KiB and 16 MiB");
        if (CacheSizeBytes < 4L * BlockSize) Fail($"cache size {CacheSizeBytes} bytes is too small: use at least {4L * BlockSize} (4 blocks)");
        if (JournalSizeBytes < 16L << 20) Fail($"journal size {JournalSizeBytes} bytes is too small: use at least 16 MiB");
        if (WriteBackDelay < TimeSpan.Zero) Fail("write-back delay is negative: use 0 or more");
        if (MetadataTtl < TimeSpan.Zero) Fail("metadata TTL is negative: use 0 or more");
        if (ReadTimeout <= TimeSpan.Zero) Fail("read timeout must be positive");
        if (StoreOpTimeout <= TimeSpan.Zero) Fail("store operation timeout must be positive");
        if (JournalFullWait < TimeSpan.Zero) Fail("journal-full wait is negative: use 0 or more");
        if (ReadAheadMaxBytes < 0) Fail("read-ahead limit is negative: use 0 to disable");
        if (ReadAheadParallelism < 1) Fail("read-ahead parallelism must be at least 1");
        if (ReadMemoryBytes < 0) Fail("read memory is negative: use 0 to size it from the machine's memory");
        if (RandomReadFillMaxBytes < 0) Fail("random-read fill limit is negative: use 0 to disable");
        if (UploadConcurrency < 1 || PartConcurrency < 1) Fail("upload and part concurrency must be at least 1");
        if (PartSizeBytes < Store.Capabilities.MinPartSize)
            Fail($"part size {PartSizeBytes} is below the store's minimum {Store.Capabilities.MinPartSize}");
        if (PartSizeBytes % BlockSize != 0) Fail($"part size {PartSizeBytes} must be a multiple of the block size {BlockSize}");
        if (MultipartThresholdBytes < PartSizeBytes) Fail("multipart threshold must be at least the part size");
        if ((FileMode & ~0xFFFu) != 0 || (DirMode & ~0xFFFu) != 0) Fail("file and dir modes take permission bits only (e.g. 0644)");
        if (Prefix.Contains("//", StringComparison.Ordinal)) Fail($"prefix '{Prefix}' holds an empty path segment");
    }
}
