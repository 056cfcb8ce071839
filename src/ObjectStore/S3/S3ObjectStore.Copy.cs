using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace GatewayFs.ObjectStore;

public sealed partial class S3ObjectStore
{
    /// <inheritdoc />
    public async Task<ObjectInfo> CopyAsync(string sourceKey, string destinationKey, ObjectMetadata metadata, string? sourceETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(sourceKey);
        ObjectRules.ValidateKey(destinationKey);
        ObjectRules.ValidateMetadata(metadata);
        await WithCopySourceAsync("CopyObject", sourceKey, destinationKey, () =>
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = _bucket,
                SourceKey = sourceKey,
                DestinationBucket = _bucket,
                DestinationKey = destinationKey,
                MetadataDirective = S3MetadataDirective.REPLACE,
                ContentType = metadata.ContentType,
                StorageClass = S3Convert.StorageClass(metadata),
                ETagToMatch = sourceETag,
            };
            S3Convert.WriteMetadata(request.Metadata, metadata);
            return request;
        }, async (request, t) => await _client.CopyObjectAsync((CopyObjectRequest)request, t).ConfigureAwait(false), ct).ConfigureAwait(false);
        // The copy answer has no size or metadata; S3 is read-after-write consistent.
        return await HeadAsync(destinationKey, ct).ConfigureAwait(false)
            ?? throw _messages.ToException(S3Failure.FromStatus(404, "NoSuchKey", null), "CopyObject", destinationKey, 1, TimeSpan.Zero, null);
    }

    /// <inheritdoc />
    public async Task<string> UploadPartCopyAsync(string key, string uploadId, int partNumber, string sourceKey, long sourceOffset, long length, string? sourceETag, CancellationToken ct)
    {
        ObjectRules.ValidateKey(key);
        ObjectRules.ValidateKey(sourceKey);
        ObjectRules.ValidatePartNumber(partNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(sourceOffset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (Capabilities.UploadPartCopy == false)
        {
            throw _messages.ToException(S3Failure.FromStatus(501, "NotImplemented", null), "UploadPartCopy", key, 1, TimeSpan.Zero, null);
        }
        try
        {
            CopyPartResponse r = await WithCopySourceAsync("UploadPartCopy", sourceKey, key, () => new CopyPartRequest
            {
                SourceBucket = _bucket,
                SourceKey = sourceKey,
                DestinationBucket = _bucket,
                DestinationKey = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                FirstByte = sourceOffset,
                LastByte = sourceOffset + length - 1,
                ETagToMatch = sourceETag is null ? null : [sourceETag],
            }, async (request, t) => await _client.CopyPartAsync((CopyPartRequest)request, t).ConfigureAwait(false), ct).ConfigureAwait(false);
            Capabilities.UploadPartCopy = true;
            RecordPart(uploadId, partNumber, length);
            return S3Convert.QuoteETag(r.ETag ?? "");
        }
        catch (ObjectStoreException e) when (e.Error == ObjectStoreError.NotSupported)
        {
            Capabilities.UploadPartCopy = false;
            throw;
        }
    }

    /// <summary>
    /// Sends a copy request, first with the SDK's encoded copy source, and when the server
    /// cannot find that source, once more with the URI-style spelling; the spelling that
    /// worked is kept for all later copies.
    /// </summary>
    private async Task<T> WithCopySourceAsync<T>(string operation, string sourceKey, string destinationKey,
        Func<AmazonWebServiceRequest> newRequest, Func<AmazonWebServiceRequest, CancellationToken, Task<T>> send, CancellationToken ct)
    {
        CopySourceStyle style = _copySourceStyle;
        if (style != CopySourceStyle.UriStyle)
        {
            try
            {
                T result = await _retrier.RunAsync(operation, destinationKey, 0, t => send(newRequest(), t), ct).ConfigureAwait(false);
                _copySourceStyle = CopySourceStyle.Encoded;
                return result;
            }
            catch (ObjectStoreException e) when (style == CopySourceStyle.Unknown && e.Error is ObjectStoreError.NotFound or ObjectStoreError.NoSuchBucket)
            {
                // Either the source is really missing or the server did not decode the header; the second try tells.
            }
        }
        string header = CopySource.UriStyle(_bucket, sourceKey);
        T second = await _retrier.RunAsync(operation, destinationKey, 0, t =>
        {
            AmazonWebServiceRequest request = newRequest();
            _copySourceOverrides.AddOrUpdate(request, header);
            return send(request, t);
        }, ct).ConfigureAwait(false);
        _copySourceStyle = CopySourceStyle.UriStyle;
        return second;
    }
}
