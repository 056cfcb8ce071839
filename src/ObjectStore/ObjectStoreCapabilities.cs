namespace GatewayFs.ObjectStore;

/// <summary>What the server supports; learned by probing and by NotImplemented answers.</summary>
public sealed class ObjectStoreCapabilities
{
    /// <summary>Server-side ranged part copy (UploadPartCopy with x-amz-copy-source-range). Null until known.</summary>
    public bool? UploadPartCopy { get; set; }

    /// <summary>Suffix ranges (<c>bytes=-N</c>) are answered correctly. Null until known.</summary>
    public bool? SuffixRange { get; set; }

    /// <summary>Smallest part size the server accepts for all but the last part.</summary>
    public long MinPartSize { get; set; } = 5L << 20;

    /// <summary>Largest number of parts in one multipart upload.</summary>
    public int MaxParts { get; set; } = 10_000;
}
