namespace GatewayFs.ObjectStore;

/// <summary>
/// The one interface to object storage: S3 (any S3-compatible endpoint) or a local
/// directory. Keys are full object keys (the volume adds its prefix). Every method throws
/// <see cref="ObjectStoreException"/> on failure, after the store's own retries.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>A short human description for logs and status, e.g. <c>s3://bucket @ http://127.0.0.1:9000</c>.</summary>
    string Description { get; }

    /// <summary>What the server can do, detected at <see cref="CheckAsync"/> or on first use.</summary>
    ObjectStoreCapabilities Capabilities { get; }

    /// <summary>
    /// Verifies endpoint, credentials and bucket once (used at mount time); throws with a
    /// one-line explanation of what is wrong and what to do.
    /// </summary>
    Task CheckAsync(CancellationToken ct);

    /// <summary>Metadata of one object, or null when it does not exist.</summary>
    Task<ObjectInfo?> HeadAsync(string key, CancellationToken ct);

    /// <summary>
    /// Reads <c>destination.Length</c> bytes (or up to the end) starting at <paramref name="offset"/>
    /// into <paramref name="destination"/>; returns bytes read. When <paramref name="ifMatchETag"/>
    /// is set and the object changed, throws with <see cref="ObjectStoreError.PreconditionFailed"/>.
    /// </summary>
    Task<int> GetRangeAsync(string key, long offset, Memory<byte> destination, string? ifMatchETag, CancellationToken ct);

    /// <summary>Opens the whole object (or the part from <paramref name="offset"/>) as a stream.</summary>
    Task<ObjectReadStream> OpenReadAsync(string key, long offset, string? ifMatchETag, CancellationToken ct);

    /// <summary>Writes a whole object in one request.</summary>
    Task<ObjectInfo> PutAsync(string key, ReadOnlyMemory<byte> content, ObjectMetadata metadata, CancellationToken ct);

    /// <summary>Writes a whole object from a seekable stream of known length (single PUT).</summary>
    Task<ObjectInfo> PutAsync(string key, Stream content, long length, ObjectMetadata metadata, CancellationToken ct);

    /// <summary>Starts a multipart upload; returns its id.</summary>
    Task<string> CreateMultipartAsync(string key, ObjectMetadata metadata, CancellationToken ct);

    /// <summary>Uploads one part (1-based <paramref name="partNumber"/>); returns its ETag.</summary>
    Task<string> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>
    /// Copies a byte range of an existing object as one part (UploadPartCopy). Throws
    /// <see cref="ObjectStoreError.NotSupported"/> when the server cannot; callers then
    /// re-read and upload the range, and <see cref="Capabilities"/> records it.
    /// </summary>
    Task<string> UploadPartCopyAsync(string key, string uploadId, int partNumber, string sourceKey, long sourceOffset, long length, string? sourceETag, CancellationToken ct);

    /// <summary>Completes a multipart upload from its parts in order.</summary>
    Task<ObjectInfo> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<UploadedPart> parts, CancellationToken ct);

    /// <summary>Aborts a multipart upload; servers that refuse are tolerated (logged), never fatal.</summary>
    Task AbortMultipartAsync(string key, string uploadId, CancellationToken ct);

    /// <summary>Server-side copy with new metadata (rename, metadata update).</summary>
    Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, ObjectMetadata metadata, string? sourceETag, CancellationToken ct);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>
    /// One page of a listing under <paramref name="prefix"/>. With <paramref name="delimiter"/> "/"
    /// sub-directories come back as common prefixes. Pass the returned token to continue.
    /// </summary>
    Task<ListPage> ListAsync(string prefix, string? delimiter, string? continuationToken, int maxKeys, CancellationToken ct);
}
