using Amazon.S3.Model;

namespace GatewayFs.ObjectStore;

public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    public Task<ObjectInfo> PutAsync(string key, ReadOnlyMemory<byte> content, ObjectMetadata metadata, CancellationToken ct) =>
        PutAsync(key, new ReadOnlyMemoryStream(content), content.Length, metadata, ct);

    /// <inheritdoc />
    public async Task<ObjectInfo> PutAsync(string key, Stream content, long length, ObjectMetadata metadata, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateMetadata(metadata);
        ObjectRules.ValidatePutStream(content, length);
        long start = content.Position;

        string etag = await _retrier.RunAsync("PUT", key, length, async t =>
        {
            content.Position = start;
            var request = new PutObjectRequest
            {
                BucketName = _bucket,
                Key = key,
                InputStream = content,
                AutoCloseStream = false,
                AutoResetStreamPosition = false, // the body starts at the caller's position, not at 0
                // aws-chunked framing is stored as data by some servers (s3rver): send plain bodies.
                UseChunkEncoding = false,
                DisablePayloadSigning = _unsignedPayload,
                ContentType = metadata.ContentType,
                StorageClass = S3Convert.StorageClass(metadata),
            };
            request.Headers.ContentLength = length;
            S3Convert.WriteMetadata(request.Metadata, metadata);
            PutObjectResponse r = await _client.PutObjectAsync(request, t).ConfigureAwait(false);
            return S3Convert.QuoteETag(r.ETag ?? "");
        }, ct).ConfigureAwait(false);
        return Written(key, length, etag, metadata);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        try
        {
            await _retrier.RunAsync("DELETE", key, 0, async t =>
            {
                await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, t).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotFound)
        {
            // S3 answers 204 for a missing key; a server answering 404 means the same.
        }
    }

    /// <summary>What a write produced; the time is the client's clock (S3 does not return it on writes).</summary>
    private static ObjectInfo Written(string key, long size, string etag, ObjectMetadata metadata) =>
        new(key, size, DateTimeOffset.UtcNow, etag)
        {
            Metadata = metadata with { User = ObjectRules.Normalize(metadata.User) },
            StorageClass = metadata.StorageClass ?? "STANDARD",
        };
}
