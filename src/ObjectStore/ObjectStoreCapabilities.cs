namespace GatewayFs.ObjectStore;

/// <summary>
/// What the server supports; learned by probing and by NotImplemented answers. Safe to read
/// and write from any thread (each value is one volatile field).
/// </summary>
public sealed class ObjectStoreCapabilities
{
    // -1 unknown, 0 false, 1 true.
    private volatile int _uploadPartCopy = -1;
    private volatile int _suffixRange = -1;

    /// <summary>Server-side ranged part copy (UploadPartCopy with x-amz-copy-source-range). Null until known.</summary>
    public bool? UploadPartCopy
    {
        get => FromInt(_uploadPartCopy);
        set => _uploadPartCopy = ToInt(value);
    }

    /// <summary>Suffix ranges (<c>bytes=-N</c>) are answered correctly. Null until known; the stores
    /// themselves only ever send explicit ranges.</summary>
    public bool? SuffixRange
    {
        get => FromInt(_suffixRange);
        set => _suffixRange = ToInt(value);
    }

    /// <summary>Smallest part size the server accepts for all but the last part.</summary>
    public long MinPartSize { get; set; } = 5L << 20;

    /// <summary>Largest number of parts in one multipart upload.</summary>
    public int MaxParts { get; set; } = 10_000;

    /// <summary>
    /// Longest '/'-separated segment of a key in UTF-8 bytes (S3: the whole key, 1024). Stores
    /// that keep a segment as a file name hold less; volumes refuse longer names up front.
    /// </summary>
    public int MaxKeySegmentBytes { get; set; } = 1024;

    private static bool? FromInt(int value) => value < 0 ? null : value == 1;

    private static int ToInt(bool? value) => value switch { null => -1, true => 1, false => 0 };
}
